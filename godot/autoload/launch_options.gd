extends RefCounted
## Start-up options from the command line (`--key=value` user arguments, after `--`) and, in a
## browser, from the page URL (`?key=value`). Static helpers only; preload this script to use it.


## The value of option `key`: the page's `?key=` wins over `--key=`, "" when neither is given.
static func value(key: String) -> String:
	var from_page := page_query(key)
	if not from_page.is_empty():
		return from_page
	return user_arg(key)


## `--key=value` from the user arguments (what follows `--` on the command line).
static func user_arg(key: String) -> String:
	var prefix := "--%s=" % key
	for arg: String in OS.get_cmdline_user_args():
		if arg.begins_with(prefix):
			return arg.substr(prefix.length())
	return ""


## `?key=value` of the page URL, decoded by the browser; "" outside a browser.
static func page_query(key: String) -> String:
	if not OS.has_feature("web") or not key.is_valid_identifier():
		return ""
	# key is a plain identifier (checked above), so it cannot break out of the JS string.
	var script := "new URLSearchParams(window.location.search).get('%s') || ''" % key
	var found: Variant = JavaScriptBridge.eval(script, true)
	return str(found) if found != null else ""


## The page's WebSocket endpoint: `ws://HOST/ws`, or `wss://HOST/ws` on an https page.
## "" outside a browser or on a page without a host (file://).
static func page_socket_url() -> String:
	if not OS.has_feature("web"):
		return ""
	var protocol: Variant = JavaScriptBridge.eval("window.location.protocol", true)
	var host: Variant = JavaScriptBridge.eval("window.location.host", true)
	if host == null or str(host).is_empty():
		return ""
	var scheme := "wss" if str(protocol) == "https:" else "ws"
	return "%s://%s/ws" % [scheme, str(host)]
