package io.troupe.gateway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder wired in the CLI skeleton; the market-data and indicator work fills it in. */
@Command(name = "indicators", mixinStandardHelpOptions = true, description = "Compute indicators over a data file and write them as CSV.")
final class IndicatorsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new io.troupe.InvalidInputException("indicators: not wired yet");
  }
}
