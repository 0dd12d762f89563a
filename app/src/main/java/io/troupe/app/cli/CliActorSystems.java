package io.troupe.app.cli;

import com.typesafe.config.ConfigFactory;
import io.troupe.market.Bar;
import io.troupe.market.ReadReport;
import io.troupe.model.InvalidInputException;
import java.io.IOException;
import org.apache.pekko.Done;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.japi.function.Procedure;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.LoggerFactory;

/** The short-lived actor systems the commands stream files with, and waiting on them without hiding input errors. */
final class CliActorSystems {
  private CliActorSystems() {}

  static ActorSystem<Void> quiet(String name) {
    // Initialise SLF4J before Pekko's logger races it, which makes SLF4J print replay warnings to stderr.
    LoggerFactory.getILoggerFactory();
    return ActorSystem.create(Behaviors.empty(), name, ConfigFactory.load());
  }

  static void shutdown(ActorSystem<?> system) {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // nothing left to save: the command's output is complete
    }
  }

  /**
   * Streams {@code bars} through {@code each} in a quiet actor system of its own, to the end; returns what reading the
   * file found. An input error surfaces as itself (exit 2); the system is shut down either way.
   */
  static ReadReport forEachBar(String name, Source<Bar, CompletionStage<ReadReport>> bars, Procedure<Bar> each) throws IOException {
    ActorSystem<Void> system = quiet(name);
    try {
      Pair<CompletionStage<ReadReport>, CompletionStage<Done>> run = bars.toMat(Sink.foreach(each), Keep.both()).run(system);
      await(run.second());
      return await(run.first());
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      shutdown(system);
    }
  }

  /** Waits for a stage; an input error anywhere in the cause chain surfaces as itself, so the CLI exits 2. */
  static <T> T await(CompletionStage<T> stage) throws Exception {
    try {
      return stage.toCompletableFuture().get();
    } catch (ExecutionException e) {
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        if (c instanceof InvalidInputException iie) throw iie;
      }
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }
}
