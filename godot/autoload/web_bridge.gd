extends Node
## Autoload "WebBridge": keeps `window.rumble` up to date for the host page and the end-to-end
## tests, which drive the client only with real mouse and keyboard events at the published
## rectangles. Active in a browser only; elsewhere every call is a cheap no-op.
##
## window.rumble = {
##   state: "connecting" | "login" | "guest" | "hiscores" | "in_game",
##   ui: { <node name>: [x, y, w, h] },  // every visible Control in group "ui", canvas pixels
##   game: { <key>: <value> },           // whatever screens publish(): log, hiscores, error, ...
## }

## Republish at most this often (and once more on every state change).
const INTERVAL_MSEC := 100
## The node group whose Controls are listed in `ui`.
const UI_GROUP := &"ui"
## Keys that outlive a screen; every other key of `game` belongs to the screen that published it
## and is cleared on every state change (the new screen publishes its own once it is ready), so
## nothing stale from the previous screen (a log, a score) is ever read as current.
const LASTING_KEYS: PackedStringArray = ["client_id", "connection", "notice"]

var _active: bool = false
var _game: Dictionary = {}
var _next_msec: int = 0
## Frames to wait before the next forced publish after a state change (the new scene's
## containers lay out during its first frame).
var _settle_frames: int = -1
var _last_json: String = ""


func _ready() -> void:
	_active = OS.has_feature("web")
	process_mode = Node.PROCESS_MODE_ALWAYS
	# Publish first thing in a frame, before Connection hands out packets: containers lay out at
	# the end of a frame, so a screen changed by a packet this frame would otherwise be published
	# with last frame's rectangles (a test clicking there would miss the moved button).
	process_priority = -1000
	set_process(_active)
	if not _active:
		return
	Game.state_changed.connect(_on_state_changed)
	Connection.status_changed.connect(_on_connection_status)
	Game.notice.connect(_on_notice)
	publish("connection", Connection.status_detail)


## Sets `window.rumble.game[key]` (shown at the next publish, within 100 ms).
func publish(key: String, value: Variant) -> void:
	if _active:
		_game[key] = value


func _process(_delta: float) -> void:
	if _settle_frames > 0:
		_settle_frames -= 1
		if _settle_frames == 0:
			_flush()
			return
	if Time.get_ticks_msec() >= _next_msec:
		_flush()


func _on_state_changed(_state: int) -> void:
	for key: String in _game.keys():
		if not key in LASTING_KEYS:
			_game.erase(key)
	_flush()
	_settle_frames = 2


func _on_connection_status(_status: int, detail: String) -> void:
	publish("connection", detail)


func _on_notice(text: String, _level: int) -> void:
	publish("notice", text)


func _flush() -> void:
	_next_msec = Time.get_ticks_msec() + INTERVAL_MSEC
	_game["client_id"] = Game.client_id
	var data := {"state": Game.state_name(), "ui": _ui_rects(), "game": _game}
	var json := JSON.stringify(data)
	if json == _last_json:
		return
	_last_json = json
	# Passed as a JSON string literal and parsed by the page: no text from players or the server
	# is ever evaluated as script.
	JavaScriptBridge.eval("window.rumble = JSON.parse(%s);" % JSON.stringify(json), true)


## Every visible Control of the "ui" group by node name, as [x, y, w, h] in canvas pixels.
func _ui_rects() -> Dictionary:
	var rects := {}
	var to_canvas := _viewport_to_canvas()
	for node: Node in get_tree().get_nodes_in_group(UI_GROUP):
		var control := node as Control
		if control == null or not control.is_visible_in_tree():
			continue
		# With the canvas transform, so controls under a camera or CanvasLayer are right too.
		var xform := to_canvas * control.get_global_transform_with_canvas()
		var top_left := xform * Vector2.ZERO
		var bottom_right := xform * control.size
		var size := bottom_right - top_left
		if size.x < 1.0 or size.y < 1.0:
			continue
		var at := top_left.round()
		var extent := size.round()
		rects[String(control.name)] = [int(at.x), int(at.y), int(extent.x), int(extent.y)]
	return rects


## The "viewport" stretch mode renders at the base size (1152x648) and scales that image into
## the window keeping its aspect, centred with bars: undo that to get canvas pixels.
func _viewport_to_canvas() -> Transform2D:
	var root := get_tree().root
	var window_size := Vector2(root.size)
	var base_size := root.get_visible_rect().size
	if base_size.x <= 0.0 or base_size.y <= 0.0:
		return Transform2D.IDENTITY
	var scale := minf(window_size.x / base_size.x, window_size.y / base_size.y)
	var offset := ((window_size - base_size * scale) / 2.0).round()
	return Transform2D(0.0, Vector2(scale, scale), 0.0, offset)
