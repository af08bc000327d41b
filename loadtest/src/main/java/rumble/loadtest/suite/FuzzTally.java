package rumble.loadtest.suite;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What every fuzzing client saw and did, counted across threads: the raw material of the report. */
final class FuzzTally {

  private final Map<String, LongAdder> framesByKind = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> sessionsByPhase = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> serverCloses = new ConcurrentHashMap<>();
  final LongAdder setupFrames = new LongAdder();
  final LongAdder setupFailures = new LongAdder();
  final LongAdder denials = new LongAdder();
  final LongAdder packetsReceived = new LongAdder();
  final LongAdder clientCloses = new LongAdder();
  final LongAdder closesWithoutReason = new LongAdder();
  final LongAdder connectFailures = new LongAdder();

  void sent(FuzzFrames.Kind kind) {
    count(framesByKind, kind.label());
  }

  void session(FuzzClient.Phase phase) {
    count(sessionsByPhase, phase.name().toLowerCase());
  }

  /**
   * A connection the server ended: by its close frame (code and reason), after a DisconnectMessage
   * naming why, or by dropping it without either. It explains itself only when it says why in text:
   * a bare protocol-failure code (1002, 1007) leaves a player guessing which rule they broke.
   */
  void serverClosed(RawWebSocket.Close close, String disconnectReason) {
    String reason = !close.reason().isEmpty() ? close.reason() : disconnectReason == null ? "" : disconnectReason;
    if (reason.isEmpty()) {
      closesWithoutReason.increment();
    }
    String code = close.code() == RawWebSocket.Close.NO_CLOSE_FRAME ? "no close frame" : String.valueOf(close.code());
    count(serverCloses, code + " " + (reason.isEmpty() ? "(no reason)" : '"' + reason + '"'));
  }

  long frames() {
    return framesByKind.values().stream().mapToLong(LongAdder::sum).sum();
  }

  Map<String, Long> framesByKind() {
    return snapshot(framesByKind);
  }

  Map<String, Long> sessionsByPhase() {
    return snapshot(sessionsByPhase);
  }

  Map<String, Long> serverCloses() {
    return snapshot(serverCloses);
  }

  long serverClosesTotal() {
    return serverCloses.values().stream().mapToLong(LongAdder::sum).sum();
  }

  private static void count(Map<String, LongAdder> counts, String key) {
    counts.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }
}
