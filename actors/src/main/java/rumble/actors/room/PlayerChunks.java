package rumble.actors.room;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import rumble.protocol.PlayerDelta;
import rumble.protocol.WorldDeltaMessage;
import rumble.sim.World;

/**
 * Encodes, once per tick, every player's {@code PlayerDelta} fields so that building a viewer's
 * delta is only copying bytes: the same update goes to everyone who sees that player.
 *
 * <p>Motion is dead-reckoned. Each player has a baseline (quantised position, heading and speed at
 * some tick) that clients extrapolate exactly as {@link #predictedX} does. A motion update is due only
 * when the real position strays more than {@code threshold} from that prediction, or the quantised
 * heading or speed changed; a radius update only when the quantised radius changed. A player moving
 * straight costs nothing per tick; a turn costs one update.
 *
 * <p>Three chunks per player, each a complete {@code players} field (tag, length, body):
 * <ul>
 *   <li>self: every motion field and the radius, sent to the player itself every tick;</li>
 *   <li>update: only what changed this tick, for other viewers (absent when nothing changed);</li>
 *   <li>full: everything including name and colour, for viewers that just started seeing it.</li>
 * </ul>
 * Arrays are indexed by the world's player id, which is small and never reused within a room.
 */
final class PlayerChunks {

  private static final int PLAYERS_FIELD = WorldDeltaMessage.PLAYERS_FIELD_NUMBER;

  private final World world;
  private final double threshold;
  private final double tickHz;
  private final ProtoWriter chunks = new ProtoWriter(64 * 1024);
  private final ProtoWriter body = new ProtoWriter(128);
  private long tick;

  private boolean[] known = new boolean[64];
  private long[] wireId = new long[64];
  private byte[][] name = new byte[64][];
  private int[] baseX = new int[64];
  private int[] baseY = new int[64];
  private int[] baseHeading = new int[64];
  private int[] baseSpeed = new int[64];
  private int[] baseRadius = new int[64];
  private long[] baseTick = new long[64];
  private int[] nowX = new int[64];
  private int[] nowY = new int[64];
  private int[] selfAt = new int[64];
  private int[] selfLength = new int[64];
  private int[] updateAt = new int[64];
  private int[] updateLength = new int[64];
  private long[] fullTick = new long[64];
  private int[] fullAt = new int[64];
  private int[] fullLength = new int[64];

  PlayerChunks(World world, double threshold) {
    this.world = world;
    this.threshold = threshold;
    this.tickHz = world.config().tickHz();
  }

  /** Registers a player that joined the room: its wire id is the client's id. */
  void add(int playerId, long clientId, String playerName) {
    grow(playerId);
    wireId[playerId] = clientId;
    name[playerId] = playerName.getBytes(StandardCharsets.UTF_8);
    known[playerId] = false;
    fullTick[playerId] = -1;
  }

  long wireId(int playerId) {
    return wireId[playerId];
  }

  /** Re-encodes every player's chunks after a world step. */
  void refresh(long currentTick) {
    tick = currentTick;
    chunks.clear();
    world.forEachPlayer(this::refreshPlayer);
  }

  private void refreshPlayer(int id) {
    int x = Quantized.position(world.playerX(id));
    int y = Quantized.position(world.playerY(id));
    int radius = Quantized.position(world.playerRadius(id));
    int speed = Quantized.position(world.playerSpeed(id));
    int heading = speed == 0 && known[id] ? baseHeading[id] : Quantized.heading(world.playerDirection(id));
    boolean motion = !known[id] || heading != baseHeading[id] || speed != baseSpeed[id]
        || strayed(id, world.playerX(id), world.playerY(id));
    boolean grew = !known[id] || radius != baseRadius[id];
    known[id] = true;
    nowX[id] = x;
    nowY[id] = y;
    if (motion) {
      baseX[id] = x;
      baseY[id] = y;
      baseHeading[id] = heading;
      baseSpeed[id] = speed;
      baseTick[id] = tick;
    }
    baseRadius[id] = radius;
    selfAt[id] = chunks.size();
    writeChunk(id, true, true, false);
    selfLength[id] = chunks.size() - selfAt[id];
    updateAt[id] = chunks.size();
    if (motion || grew) {
      writeChunk(id, motion, grew, false);
    }
    updateLength[id] = chunks.size() - updateAt[id];
  }

  private boolean strayed(int id, double x, double y) {
    double dx = x - predictedX(id);
    double dy = y - predictedY(id);
    return dx * dx + dy * dy > threshold * threshold;
  }

  /** Where a client extrapolates the player to be now, from its last motion update. */
  double predictedX(int id) {
    double travelled = Quantized.position(baseSpeed[id]) * (tick - baseTick[id]) / tickHz;
    return Quantized.position(baseX[id]) + Math.cos(Quantized.heading(baseHeading[id])) * travelled;
  }

  double predictedY(int id) {
    double travelled = Quantized.position(baseSpeed[id]) * (tick - baseTick[id]) / tickHz;
    return Quantized.position(baseY[id]) + Math.sin(Quantized.heading(baseHeading[id])) * travelled;
  }

  /**
   * Motion fields carry the position now, with the baseline heading and speed (which are the current
   * ones: they re-baseline the moment they change). An update is only written when the baseline was
   * just reset, so there "now" is the baseline and every viewer extrapolates from the same point;
   * self and full chunks start a client from the exact position, at most {@code threshold} off it.
   */
  private void writeChunk(int id, boolean motion, boolean radius, boolean identity) {
    body.clear();
    body.uint64Field(PlayerDelta.ID_FIELD_NUMBER, wireId[id]);
    if (motion) {
      body.sint32Field(PlayerDelta.X_FIELD_NUMBER, nowX[id]);
      body.sint32Field(PlayerDelta.Y_FIELD_NUMBER, nowY[id]);
    }
    if (radius) {
      body.uint64Field(PlayerDelta.RADIUS_FIELD_NUMBER, baseRadius[id]);
    }
    if (motion) {
      body.uint64Field(PlayerDelta.HEADING_FIELD_NUMBER, baseHeading[id]);
      body.uint64Field(PlayerDelta.SPEED_FIELD_NUMBER, baseSpeed[id]);
    }
    if (identity) {
      body.bytesField(PlayerDelta.NAME_FIELD_NUMBER, name[id], 0, name[id].length);
      body.int32Field(PlayerDelta.COLOR_FIELD_NUMBER, world.playerColor(id));
    }
    chunks.bytesField(PLAYERS_FIELD, body.buffer(), 0, body.size());
  }

  boolean changed(int id) {
    return updateLength[id] > 0;
  }

  void writeSelf(int id, ProtoWriter out) {
    out.raw(chunks.buffer(), selfAt[id], selfLength[id]);
  }

  void writeUpdate(int id, ProtoWriter out) {
    out.raw(chunks.buffer(), updateAt[id], updateLength[id]);
  }

  /** Everything about the player, encoded at most once per tick however many viewers need it. */
  void writeFull(int id, ProtoWriter out) {
    if (fullTick[id] != tick) {
      fullTick[id] = tick;
      fullAt[id] = chunks.size();
      writeChunk(id, true, true, true);
      fullLength[id] = chunks.size() - fullAt[id];
    }
    out.raw(chunks.buffer(), fullAt[id], fullLength[id]);
  }

  private void grow(int id) {
    if (id < known.length) {
      return;
    }
    int n = Math.max(known.length * 2, id + 1);
    known = Arrays.copyOf(known, n);
    wireId = Arrays.copyOf(wireId, n);
    name = Arrays.copyOf(name, n);
    baseX = Arrays.copyOf(baseX, n);
    baseY = Arrays.copyOf(baseY, n);
    baseHeading = Arrays.copyOf(baseHeading, n);
    baseSpeed = Arrays.copyOf(baseSpeed, n);
    baseRadius = Arrays.copyOf(baseRadius, n);
    nowX = Arrays.copyOf(nowX, n);
    nowY = Arrays.copyOf(nowY, n);
    baseTick = Arrays.copyOf(baseTick, n);
    selfAt = Arrays.copyOf(selfAt, n);
    selfLength = Arrays.copyOf(selfLength, n);
    updateAt = Arrays.copyOf(updateAt, n);
    updateLength = Arrays.copyOf(updateLength, n);
    fullTick = Arrays.copyOf(fullTick, n);
    fullAt = Arrays.copyOf(fullAt, n);
    fullLength = Arrays.copyOf(fullLength, n);
  }
}
