package io.troupe.gateway.fix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.troupe.model.CancelRequest;
import io.troupe.model.ExecutionReport;
import io.troupe.model.Liquidity;
import io.troupe.model.ModifyRequest;
import io.troupe.model.OrderRequest;
import io.troupe.model.Side;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FIX venue's book on its own: ClOrdIDs, each fill once, catching up from an order status, the order file. */
class FixOrderBookTest {

  private static FixOrderBook.Exec exec(String execId, char execType, char ordStatus, String clOrdId, double lastQty, double lastPx, double cumQty,
      double avgPx, double leaves) {
    return new FixOrderBook.Exec(execId, execType, ordStatus, clOrdId, null, "X1", Side.BUY, lastQty, lastPx, leaves, cumQty, avgPx, 10, 101, Double.NaN,
        -1, null, Double.NaN, Liquidity.TAKER, 5);
  }

  private static FixOrderBook.Exec correction(String execId, char execType, String execRefId, double lastQty, double lastPx, double cumQty, double avgPx) {
    return new FixOrderBook.Exec(execId, execType, '1', "O1", null, "X1", Side.BUY, lastQty, lastPx, 10 - cumQty, cumQty, avgPx, 10, 101, Double.NaN, -1,
        null, Double.NaN, Liquidity.TAKER, 9, execRefId);
  }

  @Test
  void aTradeCorrectionOrCancelGoesToTheOrderManagerOnceAndLaterTradesCountFromThePeersCumQty() {
    FixOrderBook book = new FixOrderBook("");
    book.newOrder(OrderRequest.limit("O1", "BTC", Side.BUY, 10, 101, 1));
    book.onExecution(exec("E1", 'F', '1', "O1", 4, 101, 4, 101, 6));
    book.onExecution(exec("E2", 'F', '1', "O1", 2, 100, 6, (4 * 101 + 2 * 100) / 6.0, 4));

    FixOrderBook.Outcome corrected = book.onExecution(correction("E3", 'G', "E1", 3, 100.5, 5, (3 * 100.5 + 2 * 100) / 5.0));
    assertEquals(List.of(new ExecutionReport.TradeCorrection("O1", "O1/E3", "O1/E1", "BTC", 9, 3, 100.5, 0)), corrected.reports());
    assertTrue(book.onExecution(correction("E3", 'G', "E1", 3, 100.5, 5, 100.3)).reports().isEmpty(), "a repeat of it (PossDupFlag) passes nothing");
    FixOrderBook.Outcome busted = book.onExecution(correction("E4", 'H', "E2", Double.NaN, Double.NaN, 3, 100.5));
    assertEquals(List.of(new ExecutionReport.TradeCorrection("O1", "O1/E4", "O1/E2", "BTC", 9, 0, 0, 0)), busted.reports());
    assertEquals(3, book.get("O1").cumQty(), 1e-12, "the peer's CumQty after the bust");

    // The next trade is measured from CumQty 3: a fill of 1, not a repeat.
    ExecutionReport.Fill next = (ExecutionReport.Fill) book.onExecution(exec("E5", 'F', '1', "O1", 1, 101, 4, 100.625, 6)).reports().get(0);
    assertEquals(1, next.quantity(), 1e-12);
    assertEquals(101, next.price(), 1e-12);
  }

  @Test
  void clOrdIdsComeFromTheOrderIdAndTheRunTagAndAResubmitSendsNothing() {
    FixOrderBook book = new FixOrderBook("R7");
    OrderRequest o = OrderRequest.limit("O0000001", "BTC", Side.BUY, 10, 101, 1);
    assertEquals("R7-O0000001", book.newOrder(o).clOrdId());
    assertNull(book.newOrder(o), "a retried submit of the same order goes out once");
    assertThrows(IllegalArgumentException.class, () -> book.newOrder(OrderRequest.market("O0000001", "ETH", Side.SELL, 1, 2)));
    assertEquals("R7-O0000001.1", book.replace(new ModifyRequest("O0000001", 8, 100, Double.NaN)).clOrdId());
    FixOrderBook.Request cancel = book.cancel(new CancelRequest("O0000001", "stale"));
    assertEquals("R7-O0000001.2", cancel.clOrdId());
    assertEquals("R7-O0000001", cancel.origClOrdId(), "the replace is not confirmed yet: the cancel names the order's accepted ClOrdID");
  }

  @Test
  void aFillIsPassedOnOnceWhateverItsExecIdAndAStatusShowingMoreBecomesOneFillForTheDifference() {
    FixOrderBook book = new FixOrderBook("");
    book.newOrder(OrderRequest.limit("O1", "BTC", Side.BUY, 10, 101, 1));
    List<ExecutionReport> first = book.onExecution(exec("E1", 'F', '1', "O1", 4, 101, 4, 101, 6)).reports();
    assertEquals(1, first.size());
    assertEquals(new ExecutionReport.Fill("O1", "O1/E1", "BTC", 5, Side.BUY, 4, 101, 0, Liquidity.TAKER, 6), first.get(0));
    assertTrue(book.onExecution(exec("E1", 'F', '1', "O1", 4, 101, 4, 101, 6)).reports().isEmpty(), "same ExecID");
    assertTrue(book.onExecution(exec("E9", 'F', '1', "O1", 4, 101, 4, 101, 6)).reports().isEmpty(), "a resend numbered afresh: CumQty did not grow");

    // Fills of 2 at 100 and 1 at 99 the venue never saw: the status (CumQty 7, AvgPx 100.285714...) brings them as one.
    double avg = (4 * 101 + 2 * 100 + 99) / 7.0;
    FixOrderBook.Outcome status = book.onExecution(exec("E20", 'I', '1', "O1", Double.NaN, Double.NaN, 7, avg, 3));
    assertEquals("O1", status.statusOf());
    ExecutionReport.Fill caught = (ExecutionReport.Fill) status.reports().get(0);
    assertEquals(3, caught.quantity(), 1e-9);
    assertEquals((2 * 100 + 99) / 3.0, caught.price(), 1e-9);
    assertEquals(3, caught.remaining(), 1e-9);
    assertTrue(book.onExecution(exec("E21", 'F', '1', "O1", 2, 100, 6, 100.5, 4)).reports().isEmpty(), "a late resend of a fill the status covered");
    assertEquals(1, book.open().size());
    book.onExecution(exec("E22", 'F', '2', "O1", 3, 101, 10, 100.5, 0));
    assertTrue(book.open().isEmpty());
  }

  @Test
  void everyExecTypeMapsToTroupesReports() {
    FixOrderBook book = new FixOrderBook("");
    for (String id : List.of("A", "B", "C", "D", "E", "F")) book.newOrder(OrderRequest.limit(id, "BTC", Side.BUY, 10, 101, 1));
    assertEquals(ExecutionReport.Ack.class, book.onExecution(exec("1", '0', '0', "A", Double.NaN, Double.NaN, 0, 0, 10)).reports().get(0).getClass());
    for (char pending : new char[] {'6', '7', '9', 'A', 'B', 'E'}) {
      assertTrue(book.onExecution(exec("p" + pending, pending, '0', "A", Double.NaN, Double.NaN, 0, 0, 10)).reports().isEmpty(), "ExecType " + pending);
    }
    FixOrderBook.Outcome correction = book.onExecution(exec("g", 'G', '0', "A", Double.NaN, Double.NaN, 0, 0, 10));
    // Without ExecRefID or LastQty it names no fill the order manager has: passed on all the same, which halts.
    assertEquals(new ExecutionReport.TradeCorrection("A", "A/g", "A/", "BTC", 5, Double.NaN, Double.NaN, 0), correction.reports().get(0));
    assertTrue(correction.warning().contains("trade correction g"), correction.warning());
    book.cancel(new CancelRequest("A", "oco"));
    assertEquals(new ExecutionReport.Canceled("A", "BTC", 5, "oco"), book.onExecution(exec("2", '4', '4', "A.1", Double.NaN, Double.NaN, 0, 0, 0)).reports().get(0));
    assertEquals(new ExecutionReport.Rejected("B", "BTC", 5, "venue_reject"), book.onExecution(exec("3", '8', '8', "B", Double.NaN, Double.NaN, 0, 0, 0)).reports().get(0));
    assertEquals(new ExecutionReport.Expired("C", "BTC", 5, "expired"), book.onExecution(exec("4", 'C', 'C', "C", Double.NaN, Double.NaN, 0, 0, 0)).reports().get(0));
    assertEquals(new ExecutionReport.Expired("D", "BTC", 5, "done_for_day"), book.onExecution(exec("5", '3', '3', "D", Double.NaN, Double.NaN, 0, 0, 0)).reports().get(0));
    book.replace(new ModifyRequest("E", 12, 100, Double.NaN));
    FixOrderBook.Exec replaced = new FixOrderBook.Exec("6", '5', '0', "E.1", "E", "X1", Side.BUY, Double.NaN, Double.NaN, 12, 0, 0, 12, 100, Double.NaN, -1, null,
        Double.NaN, Liquidity.TAKER, 5);
    assertEquals(new ExecutionReport.Modified("E", "BTC", 5, 12, 100, Double.NaN), book.onExecution(replaced).reports().get(0));
    assertEquals("E.1", book.get("E").clOrdId());
    FixOrderBook.Exec restated = new FixOrderBook.Exec("7", 'D', '0', "E.1", null, "X1", Side.BUY, Double.NaN, Double.NaN, 9, 0, 0, 9, 100, Double.NaN, -1, null,
        Double.NaN, Liquidity.TAKER, 5);
    assertEquals(new ExecutionReport.Modified("E", "BTC", 5, 9, 100, Double.NaN), book.onExecution(restated).reports().get(0));
    FixOrderBook.Exec duplicate = new FixOrderBook.Exec("8", '8', '8', "F", null, "NONE", Side.BUY, Double.NaN, Double.NaN, 0, 0, 0, 10, 101, Double.NaN, 6,
        "duplicate", Double.NaN, Liquidity.TAKER, 5);
    FixOrderBook.Outcome dup = book.onExecution(duplicate);
    assertTrue(dup.reports().isEmpty(), "a refused repeat of an order the peer has does not end it");
    assertTrue(book.get("F").open());
    assertTrue(book.onExecution(exec("9", '0', '0', "ZZZ", Double.NaN, Double.NaN, 0, 0, 0)).warning().contains("did not send"));
  }

  @Test
  void rejectsOfCancelsReplacesAndOrdersByTheBusinessLayer() {
    FixOrderBook book = new FixOrderBook("");
    book.newOrder(OrderRequest.limit("A", "BTC", Side.BUY, 10, 101, 1));
    book.newOrder(OrderRequest.limit("B", "BTC", Side.BUY, 10, 101, 1));
    FixOrderBook.Request c = book.cancel(new CancelRequest("A", "stale"));
    assertEquals(new ExecutionReport.CancelRejected("A", "BTC", 5, "too_late_to_cancel: filled"), book.onCancelReject(c.clOrdId(), "A", 0, "filled", 5).reports().get(0));
    assertTrue(book.get("A").pending().isEmpty());
    assertEquals(new ExecutionReport.Rejected("B", "BTC", 5, "business_reject_4: paused"), book.onBusinessReject("D", "B", 4, "paused", 5).reports().get(0));
    assertTrue(book.open().stream().noneMatch(e -> e.troupeId().equals("B")));
  }

  @Test
  void theOrderFileReadsBackAsWrittenTheLastLineOfAnOrderWinningAndATornLastLineLeftOut(@TempDir Path dir) throws Exception {
    FixOrderBook book = new FixOrderBook("T");
    ObjectMapper json = new ObjectMapper();
    List<String> lines = new ArrayList<>();
    book.newOrder(OrderRequest.stop("O1", "BTC", Side.SELL, 2, 98, 1));
    book.newOrder(OrderRequest.market("O2", "BTC", Side.BUY, 1, 1));
    for (FixOrderBook.Entry e : book.drainChanged()) lines.add(json.writeValueAsString(e));
    book.onExecution(new FixOrderBook.Exec("E1", 'F', '1', "T-O2", null, "X9", Side.BUY, 0.5, 100, 0.5, 0.5, 100, 1, Double.NaN, Double.NaN, -1, null, 0.01,
        Liquidity.TAKER, 5));
    book.cancel(new CancelRequest("O1", "stale"));
    for (FixOrderBook.Entry e : book.drainChanged()) lines.add(json.writeValueAsString(e));
    lines.add("{\"base\":\"T-O3\",\"requ"); // killed mid-write
    Path file = dir.resolve("orders.jsonl");
    Files.write(file, lines);

    FixOrderBook back = new FixOrderBook("T", new FixOrderBook.Saved(FixVenueActor.readOrders(file), 0));
    assertEquals(2, back.saved().orders().size());
    assertEquals(book.get("O1"), back.get("O1"));
    assertEquals(book.get("O2"), back.get("O2"));
    assertEquals("X9", back.get("O2").venueOrderId());
    assertEquals(0.5, back.get("O2").cumQty(), 1e-12);
    assertTrue(Double.isNaN(back.get("O1").request().limitPrice()));
    // The cancel in flight is known again by its ClOrdID.
    assertEquals(new ExecutionReport.Canceled("O1", "BTC", 5, "stale"),
        back.onExecution(exec("E2", '4', '4', "T-O1.1", Double.NaN, Double.NaN, 0, 0, 0)).reports().get(0));

    Files.write(file, List.of(lines.get(0), "not json", lines.get(1)));
    IOException bad = assertThrows(IOException.class, () -> FixVenueActor.readOrders(file));
    assertTrue(bad.getMessage().startsWith(file + " line 2: "), bad.getMessage());
  }
}
