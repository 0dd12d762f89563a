package io.troupe.app.cli;

import com.typesafe.config.ConfigFactory;
import io.troupe.model.InvalidInputException;
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
