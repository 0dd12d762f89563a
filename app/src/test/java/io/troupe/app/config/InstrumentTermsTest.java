package io.troupe.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.troupe.model.Instrument;
import io.troupe.model.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each symbol's terms from troupe.instruments, its name, or the run's; and the one currency an account keeps. */
class InstrumentTermsTest {

  private static InstrumentTerms terms(String hocon) {
    Config c = ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load()).getConfig("troupe");
    return InstrumentTerms.fromConfig(c, 0, 0, 1, 0);
  }

  @Test
  void theNameSaysTheQuoteAndThePerpetualWhereItIsUnambiguous() {
    assertEquals(new InstrumentTerms.Inferred("BTC", false), InstrumentTerms.inferred("ETH_BTC"));
    assertEquals(new InstrumentTerms.Inferred("USD", true), InstrumentTerms.inferred("BTC-PERP"));
    assertEquals(new InstrumentTerms.Inferred("USDT", true), InstrumentTerms.inferred("BTC-USDT-PERP"));
    assertEquals(new InstrumentTerms.Inferred("USDT", false), InstrumentTerms.inferred("BTCUSDT"));
    assertEquals(new InstrumentTerms.Inferred("BUSD", false), InstrumentTerms.inferred("ETHBUSD"));
    assertEquals(new InstrumentTerms.Inferred("EUR", false), InstrumentTerms.inferred("btc/eur"));
    // Says nothing: a date-like file name, a bare ticker, a suffix that is no known currency.
    assertEquals(new InstrumentTerms.Inferred(null, false), InstrumentTerms.inferred("2006-DAY-001"));
    assertEquals(new InstrumentTerms.Inferred(null, false), InstrumentTerms.inferred("SPY"));
    assertEquals(new InstrumentTerms.Inferred(null, false), InstrumentTerms.inferred("SPY-DAILY"));
    assertEquals(new InstrumentTerms.Inferred(null, false), InstrumentTerms.inferred("BTC"));
  }

  @Test
  void theBundledPerpetualIsAPerpetualPaidInFullAndThePairsAreSpotInBtc() {
    InstrumentTerms t = terms("");
    Instrument perp = t.instrument("BTC-PERP");
    assertEquals(Instrument.Kind.PERPETUAL, perp.kind());
    assertEquals("USD", perp.quoteCurrency());
    assertTrue(perp.paidInFull(), "no margin configured: settled as it always was");
    Instrument eth = t.instrument("ETH_BTC");
    assertEquals(Instrument.Kind.SPOT, eth.kind());
    assertEquals("BTC", eth.quoteCurrency());
    assertEquals("BTC", t.accountCurrency(List.of("ETH_BTC", "LTC_BTC", "ZEC_BTC")));
    assertEquals("USD", t.accountCurrency(List.of("BTC-PERP")));
  }

  @Test
  void configuredTermsWinOverTheName() {
    InstrumentTerms t = terms("troupe.instruments { BTC-PERP { quote = usdt, kind = future, tick-size = 0.5, lot-size = 0.001, min-notional = 5, margin = 100 } }");
    Instrument i = t.instrument("BTC-PERP");
    assertEquals(new Instrument("BTC-PERP", Instrument.Kind.FUTURE, "USDT", 0.5, 0.001, 5, 1, 100, Instrument.Settlement.MARGIN, 1), i);
    // The run-wide terms stay for the others.
    assertEquals(0, t.instrument("ETH_BTC").tickSize());
  }

  @Test
  void mixedQuoteCurrenciesAreRefusedNamingTheSymbolsAndTheirCurrencies() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> terms("").accountCurrency(List.of("ETH_BTC", "BTC-PERP", "LTC_BTC")));
    assertTrue(e.getMessage().contains("BTC-PERP in USD"), e.getMessage());
    assertTrue(e.getMessage().contains("ETH_BTC, LTC_BTC in BTC"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void aFixedRateValuesTheOtherCurrencyInTheAccounts() {
    InstrumentTerms t = terms("troupe.account { currency = USD, conversions { BTC = 40000 } }");
    assertEquals("USD", t.accountCurrency(List.of("ETH_BTC", "BTC-PERP")));
    Instrument eth = t.instrument("ETH_BTC");
    assertEquals(40000, eth.conversionRate());
    assertEquals(40000, eth.valueMultiplier());
    assertEquals(1, t.instrument("BTC-PERP").conversionRate());
    // A currency with no rate is named with the key to set.
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> terms("troupe.account.currency = EUR").instrument("ETH_BTC"));
    assertTrue(e.getMessage().contains("troupe.account.conversions.BTC"), e.getMessage());
  }

  @Test
  void aConfiguredSymbolTheRunDoesNotTradeIsNamedWithTheNearestOne() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> terms("troupe.instruments.ETHBTC.tick-size = 0.00001").accountCurrency(List.of("ETH_BTC", "LTC_BTC")));
    assertEquals("troupe.instruments.ETHBTC: no such symbol in this run; did you mean ETH_BTC? (the symbols are ETH_BTC, LTC_BTC)", e.getMessage());
  }

  @Test
  void badEntriesAreNamedByTheirKey() {
    assertMessage("troupe.instruments.ETH_BTC.tick: unknown field", "troupe.instruments.ETH_BTC.tick = 0.1");
    assertMessage("troupe.instruments.ETH_BTC.kind must be one of spot, perpetual, future, got 'swap'", "troupe.instruments.ETH_BTC.kind = swap");
    assertMessage("troupe.instruments.ETH_BTC.lot-size must be >= 0", "troupe.instruments.ETH_BTC.lot-size = -1");
    assertMessage("troupe.instruments.ETH_BTC.min-notional expects a number, got 'lots'", "troupe.instruments.ETH_BTC.min-notional = lots");
    assertMessage("troupe.account.conversions.BTC must be > 0", "troupe.account.conversions.BTC = 0");
    assertMessage("troupe.account.currency: 'U$D' is not a currency code", "troupe.account.currency = \"U$D\"");
    assertMessage("troupe.instruments.ETH_BTC expects a section", "troupe.instruments.ETH_BTC = 5");
  }

  private static void assertMessage(String expected, String hocon) {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> ConfigSchema.validate(ConfigFactory.parseString(hocon).withFallback(ConfigFactory.load()).resolve()));
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }
}
