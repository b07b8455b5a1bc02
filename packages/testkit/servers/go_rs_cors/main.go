// A Go API with rs/cors (Debian's golang-github-rs-cors-dev), for the CLI's tests. The
// CORS set-up is what testkit/src/go-rs-cors.ts writes in place of the line below that
// reads CORS SETUP: the usual one for a page on PAGE_ORIGIN with cookies, or the fix
// `corsa check` prints, applied as printed. It prints the port it listens on.
package main

// CORS IMPORT

import (
	"fmt"
	"net"
	"net/http"
	"os"
)

var pageOrigin = os.Getenv("PAGE_ORIGIN")

func withCors(mux http.Handler) http.Handler {
	// CORS SETUP
	return handler
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/items", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodPut {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"items":[]}`)
	})
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	fmt.Printf("LISTENING %d\n", listener.Addr().(*net.TCPAddr).Port)
	panic(http.Serve(listener, withCors(mux)))
}
