extends RefCounted
## Builders shared by the menu screens, so every screen looks alike and every control a test
## may click is in group "ui" under a stable, unique node name.

const Background := preload("res://ui/background.gd")
const Title := preload("res://ui/title.gd")
const LogView := preload("res://ui/log_view.gd")

const UI_GROUP := &"ui"
const FIELD_WIDTH := 420.0
const LINK_COLOR := Color(0.89, 0.63, 0.44)  # the original's #E3A071
const ERROR_COLOR := Color(1.0, 0.42, 0.3)


## Fills `root` with the animated background and a centred panel; returns the panel's column.
static func screen(root: Control, title_size: int = 52) -> VBoxContainer:
	root.set_anchors_and_offsets_preset(Control.PRESET_FULL_RECT)
	root.add_child(Background.new())
	var center := CenterContainer.new()
	center.set_anchors_and_offsets_preset(Control.PRESET_FULL_RECT)
	root.add_child(center)
	var panel := PanelContainer.new()
	center.add_child(panel)
	var column := VBoxContainer.new()
	column.add_theme_constant_override("separation", 10)
	column.custom_minimum_size = Vector2(FIELD_WIDTH + 60.0, 0)
	panel.add_child(column)
	if title_size > 0:
		var title := Title.new()
		title.font_size = title_size
		column.add_child(title)
	return column


static func line_edit(node_name: String, placeholder: String, secret: bool = false) -> LineEdit:
	var edit := LineEdit.new()
	edit.name = node_name
	edit.placeholder_text = placeholder
	edit.custom_minimum_size = Vector2(FIELD_WIDTH, 0)
	edit.secret = secret
	# On phones the web export raises the on-screen keyboard; say what kind of text this is.
	var keyboard := LineEdit.KEYBOARD_TYPE_PASSWORD if secret else LineEdit.KEYBOARD_TYPE_DEFAULT
	edit.virtual_keyboard_type = keyboard
	edit.add_to_group(UI_GROUP)
	return edit


static func button(node_name: String, text: String) -> Button:
	var result := Button.new()
	result.name = node_name
	result.text = text
	result.add_to_group(UI_GROUP)
	return result


## A text link (LinkButton) in the original's link colour.
static func link(node_name: String, text: String) -> LinkButton:
	var result := LinkButton.new()
	result.name = node_name
	result.text = text
	result.underline = LinkButton.UNDERLINE_MODE_ON_HOVER
	result.add_theme_color_override("font_color", LINK_COLOR)
	result.add_theme_color_override("font_hover_color", LINK_COLOR.lightened(0.25))
	result.add_theme_color_override("font_focus_color", LINK_COLOR.lightened(0.25))
	result.add_to_group(UI_GROUP)
	return result


static func row(children: Array, separation: int = 12) -> HBoxContainer:
	var result := HBoxContainer.new()
	result.add_theme_constant_override("separation", separation)
	for child: Control in children:
		result.add_child(child)
	return result


## A form's error line; hidden while empty. In group "ui" so tests see when it shows.
static func error_label(node_name: String) -> Label:
	var label := Label.new()
	label.name = node_name
	label.add_theme_color_override("font_color", ERROR_COLOR)
	label.autowrap_mode = TextServer.AUTOWRAP_WORD_SMART
	label.custom_minimum_size = Vector2(FIELD_WIDTH, 0)
	label.visible = false
	label.add_to_group(UI_GROUP)
	return label


static func log_view(node_name: String, min_height: float = 110.0) -> RichTextLabel:
	var view := LogView.new()
	view.name = node_name
	view.publish_key = "log"
	view.custom_minimum_size = Vector2(0, min_height)
	view.add_to_group(UI_GROUP)
	return view
