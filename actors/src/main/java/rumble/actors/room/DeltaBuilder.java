package rumble.actors.room;

import java.util.function.IntConsumer;
import rumble.protocol.EatenEvent;
import rumble.protocol.Packet;
import rumble.protocol.SporeDelta;
import rumble.protocol.WorldDeltaMessage;
import rumble.sim.IdPairs;
import rumble.sim.TickEvents;
import rumble.sim.ViewRules;
import rumble.sim.World;

/**
 * Builds one viewer's {@code WorldDeltaMessage} for the tick: players entering its view arrive whole,
 * players already known get their (shared, pre-encoded) update if they changed, players and spores
 * no longer in view are announced. Runs on the room's thread; one instance per room, reused.
 *
 * <p>Interest management: the view is a rectangle around the viewer that grows with its size
 * ({@link ViewRules#scale}). Entities enter when they touch the rectangle and leave only once they
 * are outside it grown by {@code margin}, so an entity on the edge doesn't flicker in and out.
 * Spores never move, so known spores are re-checked only every {@code sporeRefreshTicks} ticks (and
 * on keyframes); spores eaten in view are announced the tick they are eaten, spores shed in view the
 * tick they appear, spores the spawner adds show up at the next re-check.
 */
final class DeltaBuilder {

  private final World world;
  private final PlayerChunks chunks;
  private final double baseHalfWidth;
  private final double baseHalfHeight;
  private final double margin;
  private final ProtoWriter out = new ProtoWriter(4096);
  private final ProtoWriter packet = new ProtoWriter(4096);
  private final IntList gone = new IntList();
  /** Players that entered the view this tick (a player who rejoined has a new id, same wire id). */
  private final IntList entered = new IntList();
  private final IntConsumer playerVisitor = this::visitPlayer;
  private final IntConsumer sporeVisitor = this::visitSpore;

  // the viewer being built; fields instead of captures keep the visitors allocation-free
  private Viewer viewer;
  private double minX;
  private double minY;
  private double maxX;
  private double maxY;

  DeltaBuilder(World world, PlayerChunks chunks, double viewWidth, double viewHeight, double margin) {
    this.world = world;
    this.chunks = chunks;
    this.baseHalfWidth = viewWidth / 2;
    this.baseHalfHeight = viewHeight / 2;
    this.margin = margin;
  }

  /** The complete Packet bytes for this viewer (sender id 0: the room itself speaks). */
  byte[] build(Viewer target, TickEvents events, boolean refreshSpores) {
    viewer = target;
    boolean keyframe = target.keyframeDue;
    target.keyframeDue = false;
    if (keyframe) {
      target.players.clear();
      target.spores.clear();
    }
    out.clear();
    out.uint64Field(WorldDeltaMessage.SEQ_FIELD_NUMBER, ++target.seq);
    out.uint64Field(WorldDeltaMessage.TICK_FIELD_NUMBER, events.tick());
    if (keyframe) {
      out.boolField(WorldDeltaMessage.KEYFRAME_FIELD_NUMBER, true);
      chunks.writeFull(target.playerId, out);
    } else {
      chunks.writeSelf(target.playerId, out);
    }
    placeView(target.playerId);
    writePlayers();
    writeSpores(events, keyframe || refreshSpores);
    writeEaten(events.playersEaten());
    packet.clear();
    packet.bytesField(Packet.WORLD_DELTA_FIELD_NUMBER, out.buffer(), 0, out.size());
    return packet.toByteArray();
  }

  private void placeView(int playerId) {
    double scale = ViewRules.scale(world.playerRadius(playerId), world.config().startRadius());
    double halfWidth = baseHalfWidth * scale;
    double halfHeight = baseHalfHeight * scale;
    minX = world.playerX(playerId) - halfWidth;
    maxX = world.playerX(playerId) + halfWidth;
    minY = world.playerY(playerId) - halfHeight;
    maxY = world.playerY(playerId) + halfHeight;
  }

  private void writePlayers() {
    viewer.playerStamp++;
    entered.clear();
    world.forEachPlayerIn(minX - margin, minY - margin, maxX + margin, maxY + margin, playerVisitor);
    gone.clear();
    viewer.players.removeStale(viewer.playerStamp, gone);
    writePackedWireIds(WorldDeltaMessage.PLAYERS_LEFT_FIELD_NUMBER);
  }

  private void visitPlayer(int id) {
    if (id == viewer.playerId) {
      return;
    }
    if (viewer.players.contains(id)) {
      viewer.players.put(id, viewer.playerStamp);
      chunks.writeUpdate(id, out);
    } else if (touchesView(world.playerX(id), world.playerY(id), world.playerRadius(id))) {
      viewer.players.put(id, viewer.playerStamp);
      chunks.writeFull(id, out);
      entered.add(id);
    }
  }

  private void writeSpores(TickEvents events, boolean refresh) {
    gone.clear();
    IdPairs eaten = events.sporesEaten();
    for (int i = 0; i < eaten.size(); i++) {
      if (viewer.spores.remove(eaten.first(i))) {
        gone.add(eaten.first(i));
      }
    }
    if (refresh) {
      viewer.sporeStamp++;
      world.forEachSporeIn(minX - margin, minY - margin, maxX + margin, maxY + margin, sporeVisitor);
      viewer.spores.removeStale(viewer.sporeStamp, gone);
    } else {
      IdPairs shed = events.sporesShed();
      for (int i = 0; i < shed.size(); i++) {
        int id = shed.first(i);
        if (world.hasSpore(id) && !viewer.spores.contains(id)
            && touchesView(world.sporeX(id), world.sporeY(id), world.sporeRadius(id))) {
          viewer.spores.put(id, viewer.sporeStamp);
          writeSpore(id);
        }
      }
    }
    writePackedSporeIds();
  }

  private void visitSpore(int id) {
    if (viewer.spores.contains(id)) {
      viewer.spores.put(id, viewer.sporeStamp);
    } else if (touchesView(world.sporeX(id), world.sporeY(id), world.sporeRadius(id))) {
      viewer.spores.put(id, viewer.sporeStamp);
      writeSpore(id);
    }
  }

  private void writeSpore(int id) {
    packet.clear();
    packet.uint64Field(SporeDelta.ID_FIELD_NUMBER, id);
    packet.sint32Field(SporeDelta.X_FIELD_NUMBER, Quantized.position(world.sporeX(id)));
    packet.sint32Field(SporeDelta.Y_FIELD_NUMBER, Quantized.position(world.sporeY(id)));
    packet.uint64Field(SporeDelta.RADIUS_FIELD_NUMBER, Quantized.position(world.sporeRadius(id)));
    out.bytesField(WorldDeltaMessage.SPORES_FIELD_NUMBER, packet.buffer(), 0, packet.size());
  }

  private void writeEaten(IdPairs eaten) {
    for (int i = 0; i < eaten.size(); i++) {
      int victim = eaten.first(i);
      int eater = eaten.second(i);
      if (sees(victim) || sees(eater)) {
        packet.clear();
        packet.uint64Field(EatenEvent.VICTIM_ID_FIELD_NUMBER, chunks.wireId(victim));
        packet.uint64Field(EatenEvent.EATER_ID_FIELD_NUMBER, chunks.wireId(eater));
        out.bytesField(WorldDeltaMessage.EATEN_FIELD_NUMBER, packet.buffer(), 0, packet.size());
      }
    }
  }

  private boolean sees(int playerId) {
    return playerId == viewer.playerId || viewer.players.contains(playerId);
  }

  private boolean touchesView(double x, double y, double radius) {
    return x + radius >= minX && x - radius <= maxX && y + radius >= minY && y - radius <= maxY;
  }

  /**
   * players_left as a packed repeated uint64 of wire ids. A client that left the room and joined it
   * again within one tick is gone under its old player id and entered under a new one, both with the
   * same wire id: it is only announced as entered, or the client would drop it right after adding it.
   */
  private void writePackedWireIds(int field) {
    int length = 0;
    for (int i = 0; i < gone.size(); i++) {
      if (!reentered(gone.get(i))) {
        length += ProtoWriter.varintSize(chunks.wireId(gone.get(i)));
      }
    }
    if (length == 0) {
      return;
    }
    out.tag(field, ProtoWriter.LENGTH_DELIMITED);
    out.varint(length);
    for (int i = 0; i < gone.size(); i++) {
      if (!reentered(gone.get(i))) {
        out.varint(chunks.wireId(gone.get(i)));
      }
    }
  }

  private boolean reentered(int goneId) {
    long wireId = chunks.wireId(goneId);
    for (int i = 0; i < entered.size(); i++) {
      if (chunks.wireId(entered.get(i)) == wireId) {
        return true;
      }
    }
    return false;
  }

  /** spores_left as a packed repeated uint32. */
  private void writePackedSporeIds() {
    if (gone.size() == 0) {
      return;
    }
    int length = 0;
    for (int i = 0; i < gone.size(); i++) {
      length += ProtoWriter.varintSize(gone.get(i));
    }
    out.tag(WorldDeltaMessage.SPORES_LEFT_FIELD_NUMBER, ProtoWriter.LENGTH_DELIMITED);
    out.varint(length);
    for (int i = 0; i < gone.size(); i++) {
      out.varint(gone.get(i));
    }
  }
}
