extends Node
## Autoload "Game": the client's state machine. Owns the identity (client id, name, colour, how
## the player got in), talks the account and hiscore protocol for the menu screens, and switches
## scenes. Screens call its request functions and listen to its signals; they never talk to
## each other.

signal state_changed(state: State)
## A request made through login(), register(), play_as_guest(), request_hiscores() or
## search_hiscores() was answered. `reason` is the server's Deny text, verbatim.
signal request_finished(request: Request, ok: bool, reason: String)
## A hiscore board arrived (Array of Proto.HiscoreMessage, in board order).
signal hiscores_received(rows: Array)
## Something the current screen should tell the player (in its log).
signal notice(text: String, level: Level)

enum State { CONNECTING, LOGIN, GUEST, HISCORES, IN_GAME }
enum Request { NONE, LOGIN, REGISTER, GUEST, HISCORES, SEARCH }
## Log levels, shared by every screen's log.
enum Level { INFO, SUCCESS, WARNING, ERROR }
## How the player got into the game, to get back in after a dropped connection.
enum Via { NONE, ACCOUNT, GUEST }

const LaunchOptions := preload("res://autoload/launch_options.gd")
const SceneSwitcher := preload("res://autoload/scene_switcher.gd")
const STATE_NAMES: PackedStringArray = ["connecting", "login", "guest", "hiscores", "in_game"]
const SCENES: Dictionary[State, String] = {
	State.CONNECTING: "res://scenes/connecting.tscn",
	State.LOGIN: "res://scenes/login.tscn",
	State.GUEST: "res://scenes/guest.tscn",
	State.HISCORES: "res://scenes/hiscores.tscn",
	State.IN_GAME: "res://scenes/game/game.tscn",
}
## Reasons the server gives when it sends us away on purpose: no automatic login afterwards.
## (A plain drop, or "Server shutting down", does log back in once the server answers again.)
const NO_REJOIN_REASONS: PackedStringArray = [
	"Logged in from another connection",
	"Idle for too long",
]

var state: State = State.CONNECTING
var client_id: int = 0
var player_name: String = ""
var player_color: Color = Color.WHITE
var joined: Proto.JoinedRoomMessage = null

## For the next screen: an error to show in its form, and a name to put in its name field.
## Screens read them once in _ready() with take_form_error() / take_prefill_name().
var _form_error: String = ""
var _prefill_name: String = ""
## Transparent when there is none (a player colour is always opaque).
var _prefill_color: Color = Color.TRANSPARENT

## Kept in memory only (never on disk), so a reconnect can log back in.
var _via: Via = Via.NONE
var _username: String = ""
var _password: String = ""
## The login being tried, made the session on Ok.
var _trying_via: Via = Via.NONE
var _trying_name: String = ""
var _trying_password: String = ""
var _trying_color: Color = Color.WHITE
var _rejoining: bool = false
## Requests sent and not yet answered, oldest first (the server answers in order).
var _pending: Array[Request] = []
## `?name=NICK` / `--name=NICK`: play as this guest straight away, once.
var _launch_name: String = ""
var _scenes: SceneSwitcher = SceneSwitcher.new()


func _ready() -> void:
	process_mode = Node.PROCESS_MODE_ALWAYS
	_launch_name = LaunchOptions.value("name").strip_edges()
	Connection.packet_received.connect(_on_packet)
	Connection.status_changed.connect(_on_connection_status)
	print("[rumble] state=%s" % state_name())
	Connection.connect_to_server()
	# On the first frame, while the socket connects: the in-game scene's scripts load and compile
	# then rather than on entering the game, with the first keyframe waiting.
	get_tree().process_frame.connect(_scenes.load_ahead.bind(SCENES[State.IN_GAME]),
			CONNECT_ONE_SHOT)


func state_name(which: State = state) -> String:
	return STATE_NAMES[which]


## Switches to the scene of `new_state`. Leaving the game for a menu ends the session: no
## automatic login after that.
func go(new_state: State) -> void:
	if new_state == state:
		return
	if state == State.IN_GAME and new_state != State.CONNECTING:
		_forget_session()
	if new_state != State.IN_GAME:
		joined = null
	state = new_state
	print("[rumble] state=%s" % state_name())
	# The new scene enters the tree at the end of this frame: hold back the packets still queued
	# so it sees them (the first keyframe follows the login Ok in the same burst).
	Connection.pause_delivery()
	_scenes.change_to(get_tree(), SCENES[new_state], player_name)
	state_changed.emit(new_state)


func is_busy() -> bool:
	return not _pending.is_empty()


func take_form_error() -> String:
	var error := _form_error
	_form_error = ""
	return error


func take_prefill_name() -> String:
	var prefill := _prefill_name
	_prefill_name = ""
	return prefill


## The colour to preset in the guest form after a refused guest login; transparent when none.
func take_prefill_color() -> Color:
	var prefill := _prefill_color
	_prefill_color = Color.TRANSPARENT
	return prefill


func login(username: String, password: String) -> void:
	_trying_via = Via.ACCOUNT
	_trying_name = username
	_trying_password = password
	var request := Proto.LoginRequestMessage.new()
	request.username = username
	request.password = password
	_send(Request.LOGIN, Proto.Packet.new().set_login_request(request))


func register(username: String, password: String, color: Color) -> void:
	var request := Proto.RegisterRequestMessage.new()
	request.username = username
	request.password = password
	request.color = color_to_wire(color)
	_send(Request.REGISTER, Proto.Packet.new().set_register_request(request))


func play_as_guest(nickname: String, color: Color) -> void:
	_trying_via = Via.GUEST
	_trying_name = nickname
	_trying_color = color
	var request := Proto.GuestLoginRequestMessage.new()
	request.nickname = nickname
	request.color = color_to_wire(color)
	_send(Request.GUEST, Proto.Packet.new().set_guest_login_request(request))


## The top 10. The server moves us to "browsing" until finish_hiscores().
func request_hiscores() -> void:
	var request := Proto.HiscoreBoardRequestMessage.new()
	_send(Request.HISCORES, Proto.Packet.new().set_hiscore_board_request(request))


## 10 rows around `name` (exact name in any case, else the best name starting with it).
func search_hiscores(name: String) -> void:
	var request := Proto.SearchHiscoreMessage.new()
	request.name = name
	_send(Request.SEARCH, Proto.Packet.new().set_search_hiscore(request))


## Leaves the hiscores for the login screen (the server answers with a new IdMessage).
func finish_hiscores() -> void:
	_pending.clear()
	var done := Proto.FinishedBrowsingHiscoresMessage.new()
	Connection.send(Proto.Packet.new().set_finished_browsing_hiscores(done))
	go(State.LOGIN)


## Leaves the game on purpose: tells the server, forgets the session, shows the login screen.
func logout(reason: String = "logged out") -> void:
	var message := Proto.DisconnectMessage.new()
	message.reason = reason
	Connection.send(Proto.Packet.new().set_disconnect(message))
	_forget_session()
	go(State.LOGIN)


## Colour as sent on the wire: int32 of Color.to_rgba32() (0xRRGGBBAA), negative when R >= 0x80.
static func color_to_wire(color: Color) -> int:
	var rgba := color.to_rgba32()
	return rgba - 0x100000000 if rgba >= 0x80000000 else rgba


static func color_from_wire(value: int) -> Color:
	return Color.hex(value & 0xFFFFFFFF)


func _send(request: Request, packet: Proto.Packet) -> void:
	if not Connection.is_open():
		# Answer at once, so the screen does not wait for a reply that cannot come.
		request_finished.emit(request, false, "Not connected to the server")
		return
	_pending.append(request)
	Connection.send(packet)


func _on_packet(packet: Proto.Packet) -> void:
	match packet.msg_case:
		Proto.Packet.ID:
			client_id = packet.id.id
			_on_id()
		Proto.Packet.OK_RESPONSE:
			if not _pending.is_empty():
				_on_answer(_pending.pop_front(), true, "")
		Proto.Packet.DENY_RESPONSE:
			var reason := packet.deny_response.reason
			if not _pending.is_empty():
				_on_answer(_pending.pop_front(), false, reason)
			elif state != State.IN_GAME:
				# Not an answer to a request of ours (e.g. rate limiting): still worth showing.
				notice.emit(reason, Level.WARNING)
		Proto.Packet.HISCORE_BOARD:
			if not _pending.is_empty() and _pending[0] in [Request.HISCORES, Request.SEARCH]:
				_pending.pop_front()
			hiscores_received.emit(packet.hiscore_board.hiscores)
		Proto.Packet.JOINED_ROOM:
			joined = packet.joined_room
		Proto.Packet.DISCONNECT:
			# The server's Disconnect to us carries our own id; other senders are relays.
			if packet.sender_id == client_id or packet.sender_id == 0:
				_on_sent_away(packet.disconnect.reason)


## The server greets every entry into its lobby state with an IdMessage.
func _on_id() -> void:
	match state:
		State.CONNECTING:
			if _via != Via.NONE:
				_rejoin()
			elif not _launch_name.is_empty():
				var nickname := _launch_name
				_launch_name = ""  # once: after a Deny or a logout the menus take over
				notice.emit("Joining as guest %s…" % nickname, Level.INFO)
				play_as_guest(nickname, _launch_color(nickname))
			else:
				go(State.LOGIN)
		State.IN_GAME:
			# Back in the lobby while we thought we were playing (e.g. the game ended us).
			go(State.LOGIN)
		_:
			pass  # the lobby confirming where we are already (e.g. after leaving the hiscores)


func _on_answer(request: Request, ok: bool, reason: String) -> void:
	if request == Request.LOGIN or request == Request.GUEST:
		_on_login_answer(request, ok, reason)
	request_finished.emit(request, ok, reason)


func _on_login_answer(request: Request, ok: bool, reason: String) -> void:
	var was_rejoin := _rejoining
	_rejoining = false
	if ok:
		_via = _trying_via
		_username = _trying_name
		_password = _trying_password if _trying_via == Via.ACCOUNT else ""
		player_name = _trying_name
		player_color = _trying_color if _trying_via == Via.GUEST else Color.WHITE
		_trying_password = ""
		joined = null
		go(State.IN_GAME)
		if was_rejoin:
			notice.emit("Reconnected: back in the game as %s" % player_name, Level.SUCCESS)
		return
	_trying_password = ""
	if state == State.CONNECTING:
		# An automatic login (reconnect or ?name=) was refused: let the player take over.
		_forget_session()
		_form_error = reason
		_prefill_name = _trying_name
		if request == Request.GUEST:
			_prefill_color = _trying_color
		go(State.GUEST if request == Request.GUEST else State.LOGIN)


func _rejoin() -> void:
	_rejoining = true
	notice.emit("Reconnected: logging back in as %s…" % _username, Level.INFO)
	if _via == Via.ACCOUNT:
		login(_username, _password)
	else:
		play_as_guest(_username, player_color)


func _on_sent_away(reason: String) -> void:
	if reason in NO_REJOIN_REASONS:
		_forget_session()
		_form_error = "Disconnected: %s" % reason
	notice.emit("Disconnected: %s" % reason, Level.WARNING)


func _on_connection_status(status: Connection.Status, _detail: String) -> void:
	if status == Connection.Status.RECONNECTING or status == Connection.Status.CLOSED:
		# Unanswered requests died with the socket.
		_pending.clear()
		_rejoining = false
		go(State.CONNECTING)


func _forget_session() -> void:
	_via = Via.NONE
	_username = ""
	_password = ""


## A guest colour from the name, so `?name=` players look the same on every visit.
static func _launch_color(nickname: String) -> Color:
	var hue := float(absi(nickname.hash()) % 360) / 360.0
	return Color.from_hsv(hue, 0.7, 0.95)
