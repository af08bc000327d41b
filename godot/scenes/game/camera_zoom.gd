extends RefCounted
## The in-game camera: follows the own blob and zooms as the original (target zoom 2.0, wheel
## +-0.1, closest 4, furthest 2 * start_radius / radius), never so far out that the screen shows
## more than the server's view: view_width x view_height world units at the start radius, times
## (radius / start_radius)^view_growth above it, as JoinedRoomMessage tells (older servers send
## 0s: then the defaults below, the server's own defaults, apply).

## The server's defaults (rumble.game.view.*, ViewRules), for servers that don't send the view.
const DEFAULT_VIEW_WIDTH := 1024.0
const DEFAULT_VIEW_HEIGHT := 576.0
const DEFAULT_VIEW_GROWTH := 0.4
const DEFAULT_START_RADIUS := 20.0
const START_ZOOM := 2.0
const ZOOM_STEP := 0.1
const CLOSEST_ZOOM := 4.0
const CAMERA_FOLLOW := 12.0

var camera: Camera2D
## The current zoom (drawn) and the one it eases towards.
var zoom: float = START_ZOOM
var view_width: float = DEFAULT_VIEW_WIDTH
var view_height: float = DEFAULT_VIEW_HEIGHT
var view_growth: float = DEFAULT_VIEW_GROWTH
var start_radius: float = DEFAULT_START_RADIUS

var _target_zoom: float = START_ZOOM
var _furthest_at_last: float = START_ZOOM
var _placed: bool = false
var _snap: bool = false


func _init(cam: Camera2D) -> void:
	camera = cam
	camera.zoom = Vector2(zoom, zoom)


## Takes the server's view from JoinedRoom (0 = not sent: keep the defaults) and places the
## camera afresh on the next update.
func configure(joined: Proto.JoinedRoomMessage) -> void:
	view_width = joined.view_width if joined.view_width > 0.0 else DEFAULT_VIEW_WIDTH
	view_height = joined.view_height if joined.view_height > 0.0 else DEFAULT_VIEW_HEIGHT
	view_growth = joined.view_growth if joined.view_growth > 0.0 else DEFAULT_VIEW_GROWTH
	start_radius = joined.start_radius if joined.start_radius > 0.0 else DEFAULT_START_RADIUS
	_placed = false


## Jump to the blob on the next update instead of gliding (respawn, teleport).
func snap() -> void:
	_snap = true


## Zoom limit as the original (2 * start_radius / radius) and never wider than the server's
## view for a screen of this size.
func furthest_zoom(radius: float, screen: Vector2) -> float:
	var r: float = maxf(radius, 1.0)
	var grow: float = pow(r / start_radius, view_growth) if r > start_radius else 1.0
	var fit: float = maxf(screen.x / (view_width * grow), screen.y / (view_height * grow))
	return minf(maxf(2.0 * start_radius / r, fit), CLOSEST_ZOOM)


func update(own: WorldModel.PlayerState, delta: float, screen: Vector2) -> void:
	if own == null:
		return
	var furthest: float = furthest_zoom(own.radius, screen)
	# Fully zoomed out follows the limit as the blob grows (the original's auto zoom-out).
	if _target_zoom < furthest or _target_zoom <= _furthest_at_last + 0.001:
		_target_zoom = furthest
	_furthest_at_last = furthest
	var target := Vector2(own.draw_x, own.draw_y)
	if _snap or not _placed:
		camera.position = target
		zoom = _target_zoom
		camera.reset_smoothing()
		_snap = false
		_placed = true
	else:
		var follow: float = 1.0 - exp(-delta * CAMERA_FOLLOW)
		camera.position += (target - camera.position) * follow
		# The original lerps 5 % per frame at 60 fps; the same, frame-rate independent.
		zoom += (_target_zoom - zoom) * (1.0 - pow(0.95, delta * 60.0))
	camera.zoom = Vector2(zoom, zoom)


## Wheel: steps of ZOOM_STEP (in, positive; out, negative) within the limits for this radius.
func step(steps: float, own: WorldModel.PlayerState, screen: Vector2) -> void:
	_change(ZOOM_STEP * steps, own, screen)


## Pinch and magnify gestures: the target zoom times factor, within the limits.
func scale_by(factor: float, own: WorldModel.PlayerState, screen: Vector2) -> void:
	_target_zoom *= factor
	_change(0.0, own, screen)


func _change(amount: float, own: WorldModel.PlayerState, screen: Vector2) -> void:
	var furthest: float = furthest_zoom(own.radius if own != null else start_radius, screen)
	_target_zoom = clampf(_target_zoom + amount, furthest, CLOSEST_ZOOM)
