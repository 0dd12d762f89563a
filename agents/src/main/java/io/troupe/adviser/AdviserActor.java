package io.troupe.adviser;

import io.troupe.adviser.AdviserCommand.Advise;
import io.troupe.adviser.AdviserCommand.Advised;
import io.troupe.adviser.AdviserCommand.Answered;
import io.troupe.adviser.AdviserCommand.Deadline;
import io.troupe.model.OrderIntent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * The LLM adviser, as a thin shell: for each entry of a step it builds the prompt ({@link AdvicePrompt}), answers
 * from the cache what it can, asks every endpoint the rest at once (asynchronously: the answers come back as
 * messages), and once all have answered or the timeout passed, lets {@link AdviserQuorum} rule. It never blocks: a
 * slow endpoint is no opinion after the timeout, and its late answer is counted and dropped.
 */
public final class AdviserActor extends AbstractBehavior<AdviserCommand> {

  public static final String NAME = "adviser";

  /** {@code cache}: the verdicts a rerun reads (loaded by the runner); the actor adds what it is told. */
  public static Behavior<AdviserCommand> create(AdviserSettings settings, AdviceEndpoint.Factory endpoints, AdviceCache cache) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> Behaviors.withStash(16, stash -> {
      List<AdviceEndpoint> opened = new ArrayList<>();
      // Cache-only: nothing is asked, so nothing is opened (no key needs to be set).
      if (!settings.cacheOnly()) for (AdviserSettings.Endpoint e : settings.endpoints()) opened.add(endpoints.open(ctx.getSystem(), e));
      return new AdviserActor(ctx, timers, stash, settings, opened, cache);
    })));
  }

  private final TimerScheduler<AdviserCommand> timers;
  private final StashBuffer<AdviserCommand> stash;
  private final AdviserSettings settings;
  private final List<AdviceEndpoint> endpoints;
  private final AdviceCache cache;
  private final AdviserQuorum quorum;
  private final List<AdviceRuling> rulings = new ArrayList<>();
  private final Map<String, Long> outcomes = new TreeMap<>();
  private long late;

  // The round in progress (one step's entries), or none.
  private long round;
  private Advise asked;
  private AdvicePrompt[] prompts;
  private AdviceVerdict[][] verdicts;
  private int waitingFor;

  private AdviserActor(ActorContext<AdviserCommand> ctx, TimerScheduler<AdviserCommand> timers, StashBuffer<AdviserCommand> stash,
      AdviserSettings settings, List<AdviceEndpoint> endpoints, AdviceCache cache) {
    super(ctx);
    this.timers = timers;
    this.stash = stash;
    this.settings = settings;
    this.endpoints = endpoints;
    this.cache = cache;
    this.quorum = new AdviserQuorum(settings);
  }

  @Override
  public Receive<AdviserCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(Advise.class, this::onAdvise)
        .onMessage(Answered.class, this::onAnswered)
        .onMessage(Deadline.class, this::onDeadline)
        .onMessage(AdviserCommand.GetReport.class, g -> {
          g.replyTo().tell(new AdviserCommand.Report(List.copyOf(rulings), cache.added(), Map.copyOf(outcomes), late));
          return this;
        })
        .build();
  }

  private Behavior<AdviserCommand> onAdvise(Advise a) {
    if (asked != null) {
      stash.stash(a); // the coordinator sends one step at a time; this only guards the order
      return this;
    }
    round++;
    asked = a;
    int n = a.entries().size();
    prompts = new AdvicePrompt[n];
    verdicts = new AdviceVerdict[n][settings.endpoints().size()];
    waitingFor = 0;
    for (int i = 0; i < n; i++) {
      AdviserCommand.Entry e = a.entries().get(i);
      prompts[i] = AdvicePrompt.of(e.intent(), e.brief(), e.held());
      for (int j = 0; j < settings.endpoints().size(); j++) {
        AdviserSettings.Endpoint spec = settings.endpoints().get(j);
        AdviceVerdict known = cache.get(prompts[i].hash(spec));
        if (known != null) {
          verdicts[i][j] = known.cached();
        } else if (settings.cacheOnly()) {
          verdicts[i][j] = AdviceVerdict.none(spec.name(), AdviceVerdict.Outcome.NOT_CACHED, "not in the cache (cache only)");
        } else {
          ask(i, j, prompts[i].requestBody(spec));
        }
      }
    }
    if (waitingFor == 0) return finish();
    timers.startSingleTimer(new Deadline(round), settings.timeout());
    return this;
  }

  private void ask(int entry, int endpoint, String body) {
    waitingFor++;
    long r = round;
    CompletionStage<String> answer;
    try {
      answer = endpoints.get(endpoint).complete(body);
    } catch (RuntimeException e) {
      answer = java.util.concurrent.CompletableFuture.failedFuture(e);
    }
    getContext().pipeToSelf(answer, (ok, failed) -> new Answered(r, entry, endpoint, ok, failed == null ? null : describe(failed)));
  }

  private Behavior<AdviserCommand> onAnswered(Answered a) {
    if (asked == null || a.round() != round || verdicts[a.entry()][a.endpoint()] != null) {
      late++;
      return this;
    }
    AdviserSettings.Endpoint spec = settings.endpoints().get(a.endpoint());
    AdviceVerdict v = a.error() != null
        ? AdviceVerdict.none(spec.name(), AdviceVerdict.Outcome.ERROR, "error: " + a.error())
        : VerdictParser.fromResponse(spec.name(), a.body());
    settle(a.entry(), a.endpoint(), v);
    return waitingFor == 0 ? finish() : this;
  }

  private Behavior<AdviserCommand> onDeadline(Deadline d) {
    if (asked == null || d.round() != round) return this;
    for (int i = 0; i < verdicts.length; i++) {
      for (int j = 0; j < verdicts[i].length; j++) {
        if (verdicts[i][j] == null) {
          settle(i, j, AdviceVerdict.none(settings.endpoints().get(j).name(), AdviceVerdict.Outcome.TIMEOUT,
              "no answer within " + settings.timeout().toMillis() + " ms"));
        }
      }
    }
    return finish();
  }

  private void settle(int entry, int endpoint, AdviceVerdict v) {
    verdicts[entry][endpoint] = v;
    waitingFor--;
    if (v.outcome() == AdviceVerdict.Outcome.ANSWERED || settings.recordFailures()) {
      cache.put(prompts[entry].hash(settings.endpoints().get(endpoint)), v);
    }
  }

  private Behavior<AdviserCommand> finish() {
    timers.cancel(new Deadline(round));
    List<OrderIntent> intents = new ArrayList<>(prompts.length);
    List<AdviceRuling> stepRulings = new ArrayList<>(prompts.length);
    for (int i = 0; i < prompts.length; i++) {
      AdviserCommand.Entry e = asked.entries().get(i);
      List<AdviceVerdict> vs = List.of(verdicts[i]);
      for (AdviceVerdict v : vs) outcomes.merge(v.outcome().label(), 1L, Long::sum);
      List<String> keys = new ArrayList<>(vs.size());
      for (AdviserSettings.Endpoint spec : settings.endpoints()) keys.add(prompts[i].hash(spec));
      AdviserQuorum.Outcome o = quorum.rule(e.intent(), e.held(), prompts[i].hash(), vs, keys);
      intents.add(o.intent());
      stepRulings.add(o.ruling());
      getContext().getLog().debug("adviser: {} {} at {}: {} ({})", o.ruling().action().label(), e.intent().symbol(), e.intent().time(),
          o.ruling().reason(), vs);
    }
    rulings.addAll(stepRulings);
    Advise a = asked;
    asked = null;
    prompts = null;
    verdicts = null;
    a.replyTo().tell(new Advised(a.time(), java.util.Collections.unmodifiableList(intents), List.copyOf(stepRulings)));
    return stash.unstashAll(this);
  }

  /** A failure in a line: its kind and message, clipped (a client's message names the endpoint, never its key). */
  private static String describe(Throwable t) {
    Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    return m.length() > 160 ? m.substring(0, 160) + "..." : m;
  }
}
