import Foundation
import Testing

/// A real mail server for tests: Debian's `python3-aiosmtpd` on a free loopback port, with its
/// own folder, optionally with STARTTLS (a certificate made for the test with `openssl`) and
/// AUTH. It writes each message it accepts, as received, to `NNNNNN.eml`, and its envelope
/// (sender, recipients, whether TLS was on) to `NNNNNN.env`. Recipients at `reject.example`
/// are refused with 550, at `later.example` with 451.
public final class MailSink: @unchecked Sendable {
    public let port: Int
    public let folder: String
    /// The certificate to trust (`SMTPServer.caFile`), when TLS is on.
    public let certificate: String?
    private let pid: pid_t
    private let lock = NSLock()
    private var stopped = false

    static let script = #"""
        import sys, os, ssl, signal, asyncio
        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword
        folder, port, cert, key, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
        delay = float(sys.argv[7])
        class Handler:
            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if address.endswith('@reject.example'): return '550 5.1.1 mailbox unavailable'
                if address.endswith('@later.example'): return '451 4.3.0 try again later'
                envelope.rcpt_tos.append(address)
                return '250 OK'
            async def handle_DATA(self, server, session, envelope):
                if delay: await asyncio.sleep(delay)
                n = len([f for f in os.listdir(folder) if f.endswith('.eml')])
                path = os.path.join(folder, '%06d' % n)
                with open(path + '.env', 'w') as f:
                    f.write('\n'.join([envelope.mail_from, ','.join(envelope.rcpt_tos),
                                       'tls' if getattr(session, 'ssl', None) else 'plain',
                                       'auth' if getattr(session, 'authenticated', False) else 'anonymous',
                                       str(session.peer[1])]) + '\n')
                with open(path + '.tmp', 'wb') as f: f.write(envelope.original_content)
                os.rename(path + '.tmp', path + '.eml')
                return '250 2.0.0 accepted'
        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
            return AuthResult(success=ok, handled=False)
        options = {}
        if cert != '-':
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(cert, key)
            options.update(tls_context=context, require_starttls=True)
        if user != '-':
            options.update(authenticator=authenticator, auth_required=True, auth_require_tls=(cert != '-'))
        controller = Controller(Handler(), hostname='127.0.0.1', port=port, **options)
        controller.start()
        print('READY', flush=True)
        signal.sigwait([signal.SIGTERM, signal.SIGINT])
        controller.stop()
        """#

    /// Starts the server; `user` and `password` turn AUTH on (required), `tls` STARTTLS (required).
    /// `port`: the one to listen on (a test that sent to it while nothing listened); a free one by default.
    /// `delay`: seconds it takes over each message before accepting it (a slow server).
    public init(tls: Bool = false, user: String? = nil, password: String? = nil, port: Int? = nil, delay: Double = 0,
                sourceLocation: SourceLocation = #_sourceLocation) throws {
        let python = try Tools.requirePython("aiosmtpd", sourceLocation: sourceLocation)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("linkdesk-mail-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var cert = "-", key = "-"
        if tls {
            let openssl = try Tools.require("openssl", sourceLocation: sourceLocation)
            cert = folder + "/cert.pem"
            key = folder + "/key.pem"
            let made = try Processes.run(openssl, ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                                                   "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
            try #require(made.status == 0, Comment(rawValue: "openssl: \(made.stderr)"), sourceLocation: sourceLocation)
        }
        certificate = tls ? cert : nil
        self.port = port ?? freePort()
        let out = folder + "/server.out"
        pid = try Processes.spawn(python, ["-c", Self.script, folder, String(self.port), cert, key, user ?? "-", password ?? "-",
                                                        String(delay)],
                                  stdout: out, stderr: folder + "/server.err")
        for _ in 0..<200 {
            if let text = try? String(contentsOfFile: out, encoding: .utf8), text.contains("READY") { return }
            if Processes.poll(pid) != nil { break }
            usleep(50_000)
        }
        let err = (try? String(contentsOfFile: folder + "/server.err", encoding: .utf8)) ?? ""
        stop()
        Issue.record(Comment(rawValue: "the mail server did not start: \(err)"), sourceLocation: sourceLocation)
        throw MailSinkDidNotStart()
    }

    /// The messages received so far, in order of arrival.
    public func messages() -> [(message: Data, envelope: [String])] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
        return names.compactMap { name in
            let base = folder + "/" + name.dropLast(4)
            guard let message = FileManager.default.contents(atPath: base + ".eml"),
                  let envelope = try? String(contentsOfFile: base + ".env", encoding: .utf8) else { return nil }
            return (message, envelope.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        }
    }

    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        stopped = true
        _ = Processes.stop(pid)
        try? FileManager.default.removeItem(atPath: folder)
    }

    deinit { stop() }
}

struct MailSinkDidNotStart: Error {}
