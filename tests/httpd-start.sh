# httpd-start.sh - sourced by tests/online.sh and bench/links.sh: start_httpd
# DIR LOG starts tests/httpd.py on 127.0.0.1, sets $server (its pid) and $port,
# and returns 1 when the server did not write its port within a minute (it
# builds its gzip bomb first).
start_httpd() {
	python3 "$(dirname "$httpd_start_here")/httpd.py" --port-file "$1/port" > "$2" 2>&1 &
	server=$!
	_i=0
	while [ ! -s "$1/port" ] && [ $_i -lt 600 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	[ -s "$1/port" ] || return 1
	port=$(cat "$1/port")
}
