package io.troupe.market;

/**
 * A row failed parsing or validation. Internal control flow between a reader and its {@link RowValidator}; no
 * stack trace, because under {@link OnBadRow#SKIP} one may be thrown for every row of a dirty file.
 */
final class RowProblem extends RuntimeException {
  final BadRowReason reason;
  final String field;
  final String detail;

  RowProblem(BadRowReason reason, String field, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
    this.field = field;
    this.detail = detail;
  }
}
