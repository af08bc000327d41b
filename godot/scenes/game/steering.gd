extends RefCounted
## Steering: tracks the mouse and touches and sends PlayerDirectionMessage, the direction from the
## own blob's screen position to the pointer. Both mouse and touch send a direction: a
## PlayerTargetMessage point would move with the camera while a finger rests on the screen and
## need resending as often anyway, and the blob stopping under the finger is not how the game
## plays with a mouse; one rule for both keeps them alike. Two fingers pinch (see track()).

## Send at most every 45 ms (~22/s), only when the direction moved more than 1 degree, and not
## while the pointer is within DEAD_ZONE_PX of the blob's centre.
const STEER_INTERVAL := 0.045
const STEER_MIN_CHANGE := 0.017453292519943295
const DEAD_ZONE_PX := 10.0

var directions_sent: int = 0

var _pointer: Vector2 = Vector2.ZERO
var _pointer_active: bool = false
var _touches: Dictionary[int, Vector2] = {}
var _pinch_distance: float = 0.0
var _last_direction: float = NAN
var _last_steer_at: float = -1.0


## Pointer tracking only (the event is never consumed, so steering works over HUD panels too).
## Returns the factor two pinching fingers scaled the zoom by, or 0.0 when they didn't.
func track(event: InputEvent) -> float:
	if event is InputEventMouseMotion:
		_pointer = (event as InputEventMouseMotion).position
		_pointer_active = true
	elif event is InputEventScreenTouch:
		var touch := event as InputEventScreenTouch
		if touch.pressed:
			_touches[touch.index] = touch.position
		else:
			_touches.erase(touch.index)
		_pinch_distance = 0.0
		if touch.index == 0 and touch.pressed:
			_pointer = touch.position
			_pointer_active = true
	elif event is InputEventScreenDrag:
		var drag := event as InputEventScreenDrag
		_touches[drag.index] = drag.position
		if _touches.size() >= 2:
			return _pinch()
		elif drag.index == 0:
			_pointer = drag.position
			_pointer_active = true
	return 0.0


func _pinch() -> float:
	var points: Array = _touches.values()
	var a: Vector2 = points[0]
	var b: Vector2 = points[1]
	var distance: float = a.distance_to(b)
	var factor: float = 0.0
	if _pinch_distance > 0.0 and distance > 0.0:
		factor = distance / _pinch_distance
	_pinch_distance = distance
	return factor


## Sends the direction to the pointer when due. canvas: the viewport's canvas transform (world
## to screen); now: seconds.
func steer(own: WorldModel.PlayerState, canvas: Transform2D, now: float) -> void:
	if own == null or not _pointer_active or not Connection.is_open():
		return
	if now - _last_steer_at < STEER_INTERVAL:
		return
	var centre: Vector2 = canvas * Vector2(own.draw_x, own.draw_y)
	var d: Vector2 = _pointer - centre
	if d.length() < DEAD_ZONE_PX:
		return
	var direction: float = atan2(d.y, d.x)
	var turned: float = absf(angle_difference(_last_direction, direction))
	if not is_nan(_last_direction) and turned < STEER_MIN_CHANGE:
		return
	var msg := Proto.PlayerDirectionMessage.new()
	msg.direction = direction
	Connection.send(Proto.Packet.new().set_player_direction(msg))
	_last_direction = direction
	_last_steer_at = now
	directions_sent += 1
