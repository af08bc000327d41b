extends RefCounted
## Game's scene switching: scenes loaded ahead of time are kept, so switching to them costs no
## loading (the in-game scene's scripts take ~100 ms to load and compile on a slow machine, and
## the first keyframe is already waiting when the game starts); a scene file that is not there is
## replaced by a label saying so.

var _loaded: Dictionary[String, PackedScene] = {}


## Loads the scene at `path` now (on the main thread) and keeps it for change_to().
func load_ahead(path: String) -> void:
	if not _loaded.has(path) and ResourceLoader.exists(path):
		var scene: PackedScene = load(path) as PackedScene
		if scene != null:
			_loaded[path] = scene


## Switches `tree` to the scene at `path` (it enters the tree at the end of the frame).
## `who`: named in the stand-in for a missing scene.
func change_to(tree: SceneTree, path: String, who: String) -> void:
	if _loaded.has(path):
		tree.change_scene_to_packed(_loaded[path])
	elif ResourceLoader.exists(path):
		tree.change_scene_to_file(path)
	else:
		tree.change_scene_to_packed(_placeholder_scene(path, who))


## Stands in for a scene file that is not there (the in-game scene is built separately).
static func _placeholder_scene(path: String, who: String) -> PackedScene:
	var label := Label.new()
	label.name = "MissingScene"
	label.text = "%s is missing (playing as %s)" % [path, who]
	var scene := PackedScene.new()
	scene.pack(label)
	label.free()
	return scene
