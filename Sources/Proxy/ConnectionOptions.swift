/// What the `Connection` headers of a message say.
struct ConnectionOptions {
    /// `close` was listed.
    var close = false
    /// `keep-alive` was listed.
    var keepAlive = false
    /// Other listed names, lower-cased: headers that must not be passed on.
    var listed: [String] = []

    init(_ head: MessageHead) {
        for field in head.fields where head.range(field.name, equals: "connection") {
            for token in head.elements(of: field.value) {
                if head.range(token, equals: "close") {
                    close = true
                } else if head.range(token, equals: "keep-alive") {
                    keepAlive = true
                } else {
                    let name = head.text(token)
                    if !HopByHopHeaders.isProtected(name[...]) { listed.append(name.lowercased()) }
                }
            }
        }
    }

    /// Whether `field` is a hop-by-hop header or one the `Connection` header listed.
    func drops(_ field: MessageHead.Field, of head: MessageHead) -> Bool {
        let hopByHop = head.bytes.withUnsafeReadableBytes { raw in
            HopByHopHeaders.isHopByHop(UnsafeRawBufferPointer(rebasing: raw[field.name]))
        }
        if hopByHop { return true }
        return !listed.isEmpty && listed.contains(head.text(field.name).lowercased())
    }
}
