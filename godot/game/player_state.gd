extends RefCounted
## One player as the client knows it (WorldModel.PlayerState): the authoritative track from its
## last motion update, extrapolated as x + cos(heading) * speed * ticks / tick_hz (y down) and
## clamped to the border, plus a render offset (drawn position minus the extrapolated one) that
## decays, so corrections blend instead of snapping.

var id: int = 0
var name: String = ""
var color: Color = Color.WHITE
var outline: Color = Color.GRAY
var base_x: float = 0.0
var base_y: float = 0.0
var base_tick: int = 0
var heading: float = 0.0
var speed: float = 0.0
var radius: float = 0.0
## Rendered state (world units): extrapolation + decaying correction offset.
var off_x: float = 0.0
var off_y: float = 0.0
var draw_x: float = 0.0
var draw_y: float = 0.0
var draw_radius: float = 0.0
## True until the first render: start exactly on the authoritative track.
var fresh: bool = true
## Set when this player's position jumped (respawn): the next render snaps.
var teleported: bool = false


## The extrapolated position at the (fractional) tick `at`, clamped to +-half.
func track_at(at: float, tick_hz: float, half: float) -> Vector2:
	var travelled: float = speed * (at - float(base_tick)) / tick_hz
	return Vector2(
			clampf(base_x + cos(heading) * travelled, -half, half),
			clampf(base_y + sin(heading) * travelled, -half, half))


## Applies a motion update (x, y, heading, speed of a PlayerDelta, already in world units and
## radians) that restarts the track at `tick`. `at` is the moment the old and new tracks are
## compared: the last drawn render tick, or this delta's tick when that is later (the motion
## really changed at that tick, so drawing the old track up to it and the new one after it is the
## true path). Keeps the drawn position where it is: the offset blends it onto the new track.
## Returns the size of that correction, or -1.0 for a player not drawn yet (no correction).
func move(
		x: float, y: float, new_heading: float, new_speed: float, tick: int, at: float,
		tick_hz: float, half: float) -> float:
	var old: Vector2 = track_at(at, tick_hz, half) + Vector2(off_x, off_y)
	base_x = x
	base_y = y
	heading = new_heading
	speed = new_speed
	base_tick = tick
	if fresh:
		return -1.0
	var now: Vector2 = track_at(at, tick_hz, half)
	off_x = old.x - now.x
	off_y = old.y - now.y
	return sqrt(off_x * off_x + off_y * off_y)


## Advances the drawn position to `render_tick`: the extrapolation plus the correction offset
## times `decay`; the drawn radius moves `grow` of the way to the true one. A fresh or teleported
## player lands exactly on its track.
func advance(render_tick: float, tick_hz: float, half: float, decay: float, grow: float) -> void:
	var on_track: Vector2 = track_at(render_tick, tick_hz, half)
	if fresh or teleported:
		off_x = 0.0
		off_y = 0.0
		draw_radius = radius
		fresh = false
		teleported = false
	else:
		off_x *= decay
		off_y *= decay
		draw_radius += (radius - draw_radius) * grow
	draw_x = on_track.x + off_x
	draw_y = on_track.y + off_y
