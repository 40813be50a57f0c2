import XCTest
@testable import PocDojoKit

final class ReconnectPolicyTests: XCTestCase {
    func testCloseCodesMapToTheProtocolsActions() {
        let policy = ReconnectPolicy.standard
        XCTAssertEqual(policy.action(forCloseCode: 1000), .stop(.left))
        XCTAssertEqual(policy.action(forCloseCode: 4000), .stop(.left))
        XCTAssertEqual(policy.action(forCloseCode: 4100), .stop(.removed))
        for lost in [1001, 1005, 1006, 4010] { XCTAssertEqual(policy.action(forCloseCode: lost), .reconnect, "\(lost)") }
        for gone in [4001, 4003] { XCTAssertEqual(policy.action(forCloseCode: gone), .rejoin, "\(gone)") }
        guard case .stop(.refused) = policy.action(forCloseCode: 4002) else { return XCTFail("4002 stops") }
    }

    func testTheWindowAndTheBackoff() {
        let policy = ReconnectPolicy(window: .seconds(20), baseDelay: .milliseconds(500), maxDelay: .seconds(10))
        XCTAssertTrue(policy.withinWindow(.seconds(19)))
        XCTAssertFalse(policy.withinWindow(.seconds(20)))
        XCTAssertEqual(policy.delay(attempt: 0), .milliseconds(500))
        XCTAssertEqual(policy.delay(attempt: 1), .seconds(1))
        XCTAssertEqual(policy.delay(attempt: 3), .seconds(4))
        XCTAssertEqual(policy.delay(attempt: 10), .seconds(10))
        XCTAssertEqual(policy.delay(attempt: 1000), .seconds(10))
    }
}

final class ServerClockTests: XCTestCase {
    func testTheTimerIsCorrectedForClockSkew() {
        let local = Date(timeIntervalSince1970: 1_764_625_000)
        // The server's clock is 5 s ahead of ours.
        let clock = ServerClock(serverTime: local.timeIntervalSince1970 * 1000 + 5000, receivedAt: local)
        XCTAssertEqual(clock.offsetMs, 5000, accuracy: 0.001)
        let endsAt = local.timeIntervalSince1970 * 1000 + 5000 + 90_000
        let running = TimerState(status: .running, durationMs: 1_800_000, remainingMs: 1_800_000, endsAt: endsAt, nextRotationAt: endsAt - 30_000)
        XCTAssertEqual(clock.remainingMs(running, at: local), 90_000, accuracy: 0.001)
        XCTAssertEqual(clock.msUntilRotation(running, at: local) ?? -1, 60_000, accuracy: 0.001)
        let paused = TimerState(status: .paused, durationMs: 1_800_000, remainingMs: 42_000)
        XCTAssertEqual(clock.remainingMs(paused, at: local), 42_000)
        XCTAssertNil(clock.msUntilRotation(paused, at: local))
        XCTAssertEqual(clock.remainingMs(running, at: local.addingTimeInterval(600)), 0)
    }

    func testFormatting() {
        XCTAssertEqual(ServerClock.format(ms: 90_000), "1:30")
        XCTAssertEqual(ServerClock.format(ms: 59_001), "1:00")
        XCTAssertEqual(ServerClock.format(ms: 5_000), "0:05")
        XCTAssertEqual(ServerClock.format(ms: -3), "0:00")
    }
}

final class HighlightMarkupTests: XCTestCase {
    func testMarkedRunsAndEntities() {
        let runs = HighlightMarkup.runs("<mark>Kube</mark>rnetes &amp; <mark>Go</mark> &lt;3")
        XCTAssertEqual(runs, [
            .init("Kube", marked: true), .init("rnetes & ", marked: false), .init("Go", marked: true), .init(" <3", marked: false),
        ])
        XCTAssertEqual(HighlightMarkup.plain("a <mark>b</mark>"), "a b")
        XCTAssertEqual(HighlightMarkup.runs("plain"), [.init("plain", marked: false)])
    }
}

final class ChatTextTests: XCTestCase {
    func testChatTextIsTrimmedAndBounded() {
        XCTAssertEqual(ChatMessage.validText("  olá  \n"), "olá")
        XCTAssertNil(ChatMessage.validText("   "))
        XCTAssertNil(ChatMessage.validText(String(repeating: "a", count: 2001)))
        XCTAssertNotNil(ChatMessage.validText(String(repeating: "a", count: 2000)))
    }
}

final class MatchmakeErrorTests: XCTestCase {
    func testTheEnginesRefusalSplitsIntoCodeAndMessage() {
        let body = Data(#"{"code":401,"error":"ticket_expired: the ticket has expired"}"#.utf8)
        let refusal = MatchmakeError(status: 401, body: body)
        XCTAssertEqual(refusal.code, .ticketExpired)
        XCTAssertEqual(refusal.message, "the ticket has expired")
        XCTAssertTrue(refusal.isRetryable)
        XCTAssertFalse(MatchmakeError(status: 403, code: .tenantMismatch, message: "x").isRetryable)
        XCTAssertNil(MatchmakeError(status: 524, body: Data("seat reservation expired".utf8)).code)
    }
}

final class SyntaxHighlighterTests: XCTestCase {
    func testKeywordsStringsCommentsAndNumbers() {
        let text = "const s = \"a // b\"; // note\nreturn 42"
        let tokens = SyntaxHighlighter.tokens(in: text, language: "typescript")
        let spans = tokens.map { (String(Array(text.utf16)[$0.location..<($0.location + $0.length)].map { Character(UnicodeScalar($0)!) }), $0.kind) }
        XCTAssertEqual(spans.map(\.0), ["const", "\"a // b\"", "// note", "return", "42"])
        XCTAssertEqual(spans.map(\.1), [.keyword, .string, .comment, .keyword, .number])
    }

    func testPythonCommentsAndTheLanguageOfAPath() {
        let tokens = SyntaxHighlighter.tokens(in: "def f(): # hi", language: "python")
        XCTAssertEqual(tokens.map(\.kind), [.keyword, .comment])
        XCTAssertEqual(SyntaxHighlighter.language(forPath: "src/main/java/kata/FizzBuzz.java", fallback: "go"), "java")
        XCTAssertEqual(SyntaxHighlighter.language(forPath: "README", fallback: "go"), "go")
    }

    func testOffsetsAreUTF16() {
        let tokens = SyntaxHighlighter.tokens(in: "\"👋\" return", language: "typescript")
        XCTAssertEqual(tokens.first?.length, 4, "the emoji is two UTF-16 units")
        XCTAssertEqual(tokens.last?.location, 5)
    }
}
