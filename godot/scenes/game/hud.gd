extends CanvasLayer
## The in-game HUD, built in code: score and Logout (top left), top-10 leaderboard (top right),
## chat log + input + Send (bottom left), a connection banner (top centre) and the "Eaten by X"
## overlay (above the centre, clear of the blob). Every text is plain (Labels never interpret
## markup), so nothing a player types can restyle or inject anything. The ChatInput, ChatSend
## and LogoutButton nodes are in group "ui" so the host page can find (and tests can click) them.

signal chat_submitted(text: String)
signal logout_pressed

const CHAT_LINES := 8
const CHAT_MAX_CHARS := 256
const BOARD_ROWS := 10
const EATEN_SECONDS := 2.0
const PANEL_BG := Color(0.08, 0.09, 0.12, 0.62)
const OWN_ROW := Color(1.0, 0.85, 0.3)
const ROW := Color(0.93, 0.94, 0.97)

var chat_lines: PackedStringArray = PackedStringArray()
## Rows as displayed: {rank, name, score, highlight, player_id}.
var board_rows: Array[Dictionary] = []

var score_label: Label
var logout_button: Button
var chat_log: Label
var chat_input: LineEdit
var chat_send: Button
var banner: Label
var eaten_label: Label
var _board_rows: Array[HBoxContainer] = []
var _board_names: Array[Label] = []
var _board_scores: Array[Label] = []
var _board_panel: PanelContainer
var _banner_panel: PanelContainer
var _eaten_panel: PanelContainer
var _eaten_until: float = 0.0


func _ready() -> void:
	layer = 2
	var root := Control.new()
	root.name = "HudRoot"
	root.set_anchors_preset(Control.PRESET_FULL_RECT)
	root.mouse_filter = Control.MOUSE_FILTER_IGNORE
	add_child(root)
	_build_top_left(root)
	_build_board(root)
	_build_chat(root)
	_build_banner(root)
	_build_eaten(root)


static func _panel_style() -> StyleBoxFlat:
	var sb := StyleBoxFlat.new()
	sb.bg_color = PANEL_BG
	sb.set_corner_radius_all(6)
	sb.content_margin_left = 10.0
	sb.content_margin_right = 10.0
	sb.content_margin_top = 6.0
	sb.content_margin_bottom = 6.0
	return sb


static func _label(text: String, size: int, color: Color = ROW) -> Label:
	var l := Label.new()
	l.text = text
	l.add_theme_font_size_override("font_size", size)
	l.add_theme_color_override("font_color", color)
	l.add_theme_color_override("font_outline_color", Color(0, 0, 0, 0.6))
	l.add_theme_constant_override("outline_size", 3)
	l.mouse_filter = Control.MOUSE_FILTER_IGNORE
	return l


## Anchors (left, top, right, bottom) and offsets (left, top, right, bottom) in one go.
static func _place(c: Control, anchors: Vector4, offsets: Vector4) -> void:
	c.anchor_left = anchors.x
	c.anchor_top = anchors.y
	c.anchor_right = anchors.z
	c.anchor_bottom = anchors.w
	c.offset_left = offsets.x
	c.offset_top = offsets.y
	c.offset_right = offsets.z
	c.offset_bottom = offsets.w


func _build_top_left(root: Control) -> void:
	var box := VBoxContainer.new()
	box.name = "TopLeft"
	box.position = Vector2(12, 10)
	box.mouse_filter = Control.MOUSE_FILTER_IGNORE
	root.add_child(box)
	score_label = _label("Score: 0", 26, Color(0.12, 0.13, 0.17))
	score_label.name = "ScoreLabel"
	score_label.add_theme_color_override("font_outline_color", Color(1, 1, 1, 0.85))
	score_label.add_theme_constant_override("outline_size", 6)
	box.add_child(score_label)
	logout_button = Button.new()
	logout_button.name = "LogoutButton"
	logout_button.text = "Logout"
	logout_button.focus_mode = Control.FOCUS_NONE
	logout_button.add_theme_font_size_override("font_size", 18)
	logout_button.size_flags_horizontal = Control.SIZE_SHRINK_BEGIN
	logout_button.add_to_group("ui")
	logout_button.pressed.connect(func() -> void: logout_pressed.emit())
	box.add_child(logout_button)


func _build_board(root: Control) -> void:
	_board_panel = PanelContainer.new()
	_board_panel.name = "Leaderboard"
	_board_panel.add_theme_stylebox_override("panel", _panel_style())
	_board_panel.mouse_filter = Control.MOUSE_FILTER_IGNORE
	_board_panel.custom_minimum_size = Vector2(260, 0)
	_place(_board_panel, Vector4(1, 0, 1, 0), Vector4(-272, 10, -12, 10))
	_board_panel.grow_horizontal = Control.GROW_DIRECTION_BEGIN
	root.add_child(_board_panel)
	var rows := VBoxContainer.new()
	rows.add_theme_constant_override("separation", 0)
	rows.mouse_filter = Control.MOUSE_FILTER_IGNORE
	_board_panel.add_child(rows)
	var title := _label("Leaderboard", 20, Color(1, 1, 1))
	title.horizontal_alignment = HORIZONTAL_ALIGNMENT_CENTER
	rows.add_child(title)
	for i: int in BOARD_ROWS:
		var row := HBoxContainer.new()
		row.mouse_filter = Control.MOUSE_FILTER_IGNORE
		var n := _label("", 16)
		n.size_flags_horizontal = Control.SIZE_EXPAND_FILL
		n.clip_text = true
		n.text_overrun_behavior = TextServer.OVERRUN_TRIM_ELLIPSIS
		var s := _label("", 16)
		s.horizontal_alignment = HORIZONTAL_ALIGNMENT_RIGHT
		row.add_child(n)
		row.add_child(s)
		row.visible = false
		rows.add_child(row)
		_board_rows.append(row)
		_board_names.append(n)
		_board_scores.append(s)


func _build_chat(root: Control) -> void:
	var panel := PanelContainer.new()
	panel.name = "Chat"
	panel.add_theme_stylebox_override("panel", _panel_style())
	panel.custom_minimum_size = Vector2(460, 0)
	_place(panel, Vector4(0, 1, 0, 1), Vector4(10, -10, 470, -10))
	panel.grow_vertical = Control.GROW_DIRECTION_BEGIN
	root.add_child(panel)
	var box := VBoxContainer.new()
	panel.add_child(box)
	chat_log = _label("", 15)
	chat_log.name = "ChatLog"
	chat_log.autowrap_mode = TextServer.AUTOWRAP_WORD_SMART
	chat_log.custom_minimum_size = Vector2(440, 0)
	chat_log.max_lines_visible = CHAT_LINES
	chat_log.vertical_alignment = VERTICAL_ALIGNMENT_BOTTOM
	chat_log.visible = false
	box.add_child(chat_log)
	var line := HBoxContainer.new()
	box.add_child(line)
	chat_input = LineEdit.new()
	chat_input.name = "ChatInput"
	chat_input.placeholder_text = "Say something (Enter)"
	chat_input.max_length = CHAT_MAX_CHARS
	chat_input.size_flags_horizontal = Control.SIZE_EXPAND_FILL
	chat_input.add_theme_font_size_override("font_size", 16)
	chat_input.add_to_group("ui")
	chat_input.text_submitted.connect(func(_t: String) -> void: _submit_chat())
	line.add_child(chat_input)
	chat_send = Button.new()
	chat_send.name = "ChatSend"
	chat_send.text = "Send"
	chat_send.focus_mode = Control.FOCUS_NONE
	chat_send.add_theme_font_size_override("font_size", 16)
	chat_send.add_to_group("ui")
	chat_send.pressed.connect(_submit_chat)
	line.add_child(chat_send)


func _build_banner(root: Control) -> void:
	_banner_panel = PanelContainer.new()
	_banner_panel.name = "ConnectionBanner"
	var sb := _panel_style()
	sb.bg_color = Color(0.75, 0.45, 0.05, 0.9)
	_banner_panel.add_theme_stylebox_override("panel", sb)
	_place(_banner_panel, Vector4(0.5, 0, 0.5, 0), Vector4(0, 12, 0, 12))
	_banner_panel.grow_horizontal = Control.GROW_DIRECTION_BOTH
	_banner_panel.mouse_filter = Control.MOUSE_FILTER_IGNORE
	_banner_panel.visible = false
	root.add_child(_banner_panel)
	banner = _label("", 18, Color.WHITE)
	banner.name = "BannerLabel"
	_banner_panel.add_child(banner)


func _build_eaten(root: Control) -> void:
	_eaten_panel = PanelContainer.new()
	_eaten_panel.name = "EatenOverlay"
	var sb := _panel_style()
	sb.bg_color = Color(0.5, 0.05, 0.08, 0.8)
	sb.content_margin_left = 28.0
	sb.content_margin_right = 28.0
	sb.content_margin_top = 14.0
	sb.content_margin_bottom = 14.0
	_eaten_panel.add_theme_stylebox_override("panel", sb)
	_place(_eaten_panel, Vector4(0.5, 0.3, 0.5, 0.3), Vector4(0, 0, 0, 0))
	_eaten_panel.grow_horizontal = Control.GROW_DIRECTION_BOTH
	_eaten_panel.grow_vertical = Control.GROW_DIRECTION_BOTH
	_eaten_panel.mouse_filter = Control.MOUSE_FILTER_IGNORE
	_eaten_panel.visible = false
	root.add_child(_eaten_panel)
	eaten_label = _label("", 36, Color.WHITE)
	eaten_label.name = "EatenLabel"
	eaten_label.horizontal_alignment = HORIZONTAL_ALIGNMENT_CENTER
	_eaten_panel.add_child(eaten_label)


func _submit_chat() -> void:
	var text: String = chat_input.text.strip_edges()
	chat_input.clear()
	if text.is_empty():
		return
	chat_submitted.emit(text)


func add_chat_line(line: String) -> void:
	# Control characters could break the log's layout; they are dropped (the server does too).
	var clean: String = line.replace("\n", " ").replace("\r", " ").replace("\t", " ")
	chat_lines.append(clean)
	if chat_lines.size() > CHAT_LINES:
		chat_lines.remove_at(0)
	chat_log.text = "\n".join(chat_lines)
	chat_log.visible = true
	# Long lines wrap: show the newest CHAT_LINES visual lines, not the oldest.
	chat_log.lines_skipped = maxi(0, chat_log.get_line_count() - CHAT_LINES)


func set_score(score: int) -> void:
	var text: String = "Score: %d" % score
	if score_label.text != text:
		score_label.text = text


## entries: the LeaderboardMessage entries, in order; names resolved by player id.
func set_leaderboard(entries: Array[Proto.LeaderboardEntry], own_id: int) -> void:
	board_rows.clear()
	for i: int in BOARD_ROWS:
		_board_rows[i].visible = i < entries.size()
		if i < entries.size():
			var e: Proto.LeaderboardEntry = entries[i]
			var own: bool = e.player_id == own_id
			var name: String = e.name if not e.name.is_empty() else "Player %d" % e.player_id
			_board_names[i].text = "%d. %s" % [i + 1, name]
			_board_scores[i].text = str(e.score)
			var color: Color = OWN_ROW if own else ROW
			_board_names[i].add_theme_color_override("font_color", color)
			_board_scores[i].add_theme_color_override("font_color", color)
			var row := {"rank": i + 1, "name": name, "score": e.score, "highlight": own}
			row["player_id"] = e.player_id
			board_rows.append(row)
		else:
			_board_names[i].text = ""
			_board_scores[i].text = ""
	# Shrink to the rows shown (a Control only grows to its minimum size by itself).
	_board_panel.offset_bottom = _board_panel.offset_top


func set_banner(text: String) -> void:
	banner.text = text
	_banner_panel.visible = not text.is_empty()
	_place(_banner_panel, Vector4(0.5, 0, 0.5, 0), Vector4(0, 12, 0, 12))


func show_eaten(by_name: String, now_s: float) -> void:
	eaten_label.text = "Eaten by %s" % by_name
	_eaten_panel.visible = true
	_eaten_panel.modulate.a = 1.0
	_place(_eaten_panel, Vector4(0.5, 0.3, 0.5, 0.3), Vector4(0, 0, 0, 0))
	_eaten_until = now_s + EATEN_SECONDS


func update(now_s: float) -> void:
	if _eaten_panel.visible:
		var left: float = _eaten_until - now_s
		if left <= 0.0:
			_eaten_panel.visible = false
		elif left < 0.4:
			_eaten_panel.modulate.a = left / 0.4


func eaten_visible() -> bool:
	return _eaten_panel.visible


func chat_has_focus() -> bool:
	return chat_input.has_focus()
