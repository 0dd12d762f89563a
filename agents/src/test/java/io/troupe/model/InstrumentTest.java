package io.troupe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Rounding to the venue's grid, and an instrument journaled before kinds, quotes and settlement were apart. */
class InstrumentTest {

  @Test
  void pricesRoundToTheNearestTickAndQuantitiesDownToTheLotAsTheDecimalsAVenueWrites() {
    Instrument i = Instrument.spot("ETHBTC").withTickSize(0.000001).withLotSize(0.001);
    assertEquals(0.099477, i.roundPrice(0.0994766));
    assertEquals(0.123, i.roundQuantity(0.12399));
    assertEquals(0.123, i.roundQuantity(0.123));
    Instrument tenth = Instrument.spot("X").withTickSize(0.1);
    assertEquals("123.4", Double.toString(tenth.roundPrice(123.4000001)));
    assertEquals("0.3", Double.toString(tenth.roundPrice(0.29999)));
    assertEquals(7.0, Instrument.spot("X").withLotSize(0.5).roundQuantity(7.49));
    // No grid: as given.
    assertEquals(0.1234567, Instrument.spot("X").roundPrice(0.1234567));
  }

  @Test
  void aJournalWithoutSettlementOrQuoteReadsAsItWasWritten() {
    Instrument oldSpot = new Instrument("BTC-PERP", Instrument.Kind.SPOT, null, 0, 0, 0, 1, 0, null, 0);
    assertTrue(oldSpot.paidInFull());
    assertEquals("", oldSpot.quoteCurrency());
    assertEquals(1, oldSpot.conversionRate());
    Instrument oldFuture = new Instrument("ES", Instrument.Kind.FUTURE, null, 0.25, 1, 0, 50, 0, null, 0);
    assertTrue(oldFuture.margined());
    // Today's perpetual, paid in full, is what such a journal holds for the bundled file.
    Instrument perp = new Instrument("BTC-PERP", Instrument.Kind.PERPETUAL, "USD", 0, 0, 0, 1, 0, Instrument.Settlement.CASH, 1);
    assertEquals(oldSpot, perp.asJournaledBefore());
  }

  @Test
  void moneyIsTheQuoteCurrencysTimesTheRate() {
    Instrument i = Instrument.spot("ETH_BTC").withQuoteCurrency("BTC").withConversionRate(40_000);
    assertEquals(0.1 * 2 * 40_000, i.requiredCapital(2, 0.1), 1e-9);
    assertEquals(0.2, i.quoteNotional(2, 0.1), 1e-12);
  }
}
