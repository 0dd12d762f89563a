package io.troupe.app.cli;

import com.typesafe.config.Config;
import io.troupe.app.live.BinanceLiveVenue;
import io.troupe.app.live.FixLiveVenue;
import io.troupe.app.live.LiveVenue;
import io.troupe.gateway.binance.BinanceCredentials;
import io.troupe.gateway.binance.BinanceMarket;
import io.troupe.gateway.binance.BinanceSettings;
import io.troupe.gateway.fix.FixSettings;
import io.troupe.model.InvalidInputException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code troupe live}: a paper session on a live feed whose orders go to a real venue (Binance spot, or a FIX 4.4
 * session) instead of the simulated exchange. Refused without {@code --live}, and for Binance without the credentials
 * in the environment. Journaled like paper; a restart resumes from the last completed step's checkpoint (nothing is
 * sent again) and reconciles with the venue before any order (docs/venues.md).
 */
@Command(
    name = "live",
    mixinStandardHelpOptions = true,
    footer = {"%nExamples:",
        "  TROUPE_BINANCE_API_KEY=... TROUPE_BINANCE_API_SECRET=... troupe live --venue binance --feed binance:BTCUSDT --timeframe 1m --state state/live --live",
        "  troupe live --venue fix --feed binance:BTCUSDT --timeframe 1m --state state/fix --live   (bars from Binance, orders over FIX)"},
    sortOptions = false,
    description = {
      "Trade a venue's live bars with real orders: --venue binance (spot, signed REST and the user-data stream; credentials from",
      "TROUPE_BINANCE_API_KEY and TROUPE_BINANCE_API_SECRET) or fix (the FIX 4.4 session of troupe.venue.fix); the bars come from",
      "--feed binance:SYMBOL. Refused without --live. Journaled ahead of every step like paper; run the same command again to resume:",
      "the session starts RECONCILING (the venue's orders and holdings against the journal, each difference journaled) and sends",
      "nothing until that is over and it has caught up with the feed."
    })
public final class LiveCommand extends PaperCommand {

  @Option(names = "--venue", paramLabel = "binance|fix", required = true, description = "Where the orders go: binance (spot, or USD-M futures with --market usdm) or fix (troupe.venue.fix).")
  String venue;

  @Option(names = "--market", paramLabel = "spot|usdm", description = "With --venue binance: spot (the default) or usdm (USD-M futures: perpetuals,"
      + " /fapi, the bars of the futures market, positions from positionRisk, reduce-only exits).")
  String market;

  @Option(names = "--live", description = "Send real orders: without it the command is refused.")
  boolean live;

  /** The Binance market --market names (spot without it); bad input names the option. */
  BinanceMarket binanceMarket() {
    if (market == null) return BinanceMarket.SPOT;
    return switch (market.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "spot" -> BinanceMarket.SPOT;
      case "usdm" -> BinanceMarket.USDM;
      default -> throw new InvalidInputException("--market: '" + market + "' is not one of spot, usdm");
    };
  }

  @Override
  BinanceMarket feedMarket() {
    return venue != null && venue.trim().equalsIgnoreCase("binance") ? binanceMarket() : BinanceMarket.SPOT;
  }

  @Override
  LiveVenue liveVenue(Config config) {
    String name = venue.trim().toLowerCase();
    if (!name.equals("binance") && !name.equals("fix")) throw new InvalidInputException("--venue: '" + venue + "' is not one of binance, fix");
    BinanceMarket binanceMarket = binanceMarket();
    if (market != null && !name.equals("binance")) throw new InvalidInputException("--market: only with --venue binance (a FIX session's market is its peer's)");
    if (!live) {
      throw new InvalidInputException("live: this sends real orders to " + name + "; add --live to mean it (or trade on paper: troupe paper --feed ...)");
    }
    if (feed == null) throw new InvalidInputException("live: give --feed binance:SYMBOL for the bars (and --timeframe)");
    if (cluster) throw new InvalidInputException("live: --cluster is not supported for a live session");
    if (spec.commandLine().getParseResult().hasMatchedOption("--speed")) throw new InvalidInputException("--speed: a live session trades each bar as it closes; drop --speed");
    // A venue reports fills and fees in the symbol's quote currency; under a fixed rate the book would misstate them.
    if (config.hasPath("troupe.account.conversions") && !config.getObject("troupe.account.conversions").isEmpty()) {
      throw new InvalidInputException("troupe.account.conversions: not with troupe live (the venue's fills and fees are in each symbol's quote"
          + " currency; trade one quote currency per session)");
    }
    if (name.equals("binance")) {
      // Credentials from the environment only: never an option, a key or a file Troupe reads.
      return new BinanceLiveVenue(BinanceSettings.fromConfig(config, binanceMarket), BinanceCredentials.fromEnvironment(System.getenv()), binanceMarket);
    }
    Path folder = state != null ? state : config.hasPath("troupe.state-dir") ? Path.of(config.getString("troupe.state-dir")) : null;
    if (folder == null) throw new InvalidInputException("live --venue fix: give --state DIR (the FIX session's store and log live under it)");
    io.troupe.app.live.UnknownOrders unknownOrders;
    try {
      unknownOrders = io.troupe.app.live.UnknownOrders.fromConfig(config);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(io.troupe.app.live.UnknownOrders.KEY + ": must be one of [cancel, adopt], not \"" + config.getString(io.troupe.app.live.UnknownOrders.KEY) + "\"");
    }
    return new FixLiveVenue(FixSettings.fromConfig(config, folder), unknownOrders);
  }
}
