package app.pocdojo.core.e2e

import app.pocdojo.core.api.ApiError
import app.pocdojo.core.api.DojoCreate
import app.pocdojo.core.api.Login
import app.pocdojo.core.api.InvitationAccept
import app.pocdojo.core.api.InvitationCreate
import app.pocdojo.core.api.PasswordChange
import app.pocdojo.core.api.PlatformApi
import app.pocdojo.core.api.PocCreate
import app.pocdojo.core.api.PocUpdate
import app.pocdojo.core.api.Signup
import app.pocdojo.core.dojo.Connection
import app.pocdojo.core.dojo.DojoSession
import app.pocdojo.core.dojo.DojoSessionState
import app.pocdojo.core.protocol.CommandAction
import app.pocdojo.core.protocol.DojoErrorCode
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeoutOrNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.BeforeAll
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestInstance
import org.junit.jupiter.api.assertThrows
import java.util.UUID

/**
 * The Kotlin core against the real platform-api and dojo-engine (scripts/e2e-stack.ts, real Postgres), with
 * TypeScript clients of the web app's protocol in the same rooms. Skipped without DATABASE_URL (`npm test` sets it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DojoEndToEndTest {
    private lateinit var stack: E2eStack
    private val sessions = mutableListOf<DojoSession>()

    @BeforeAll
    fun start() {
        assumeTrue(E2eStack.databaseUrl != null, "DATABASE_URL is not set: run through `npm test`")
        stack = E2eStack.start()
    }

    @AfterAll
    fun stop() {
        sessions.forEach { it.close() }
        if (::stack.isInitialized) stack.close()
    }

    // ------------------------------------------------------------------ helpers

    private class Team(val slug: String, val owner: PlatformApi, val members: List<PlatformApi>)

    private suspend fun team(members: Int = 0): Team {
        val tag = UUID.randomUUID().toString().take(8)
        val owner = PlatformApi(stack.platformUrl)
        val session = owner.signUp(Signup("Kotlin Labs $tag", "Ada", "ada-$tag@kotlin.test", "correct-Horse-9"))
        val joined = (1..members).map { i ->
            val email = "member$i-$tag@kotlin.test"
            // Invited by e-mail link: the token is the one the invitation e-mail carries.
            val invitation = owner.invite(InvitationCreate(email))
            val token = stack.call("invitationToken", "invitationId" to invitation.id)["token"]!!.jsonPrimitive.content
            val api = PlatformApi(stack.platformUrl)
            api.acceptInvitation(InvitationAccept(token, "correct-Horse-$i$i", name = listOf("Bob", "Carol", "Dan")[i - 1]))
            api
        }
        return Team(session.tenant.slug, owner, joined)
    }

    private suspend fun dojo(team: Team, editPolicy: String = "everyone") =
        team.owner.createDojo(DojoCreate("Kotlin dojo", "typescript", 30, 5, editPolicy, kataId = "fizzbuzz"))

    private fun session(api: PlatformApi, dojoId: String) =
        DojoSession({ api.dojoTicket(dojoId) }).also { sessions += it; it.connect() }

    private suspend fun DojoSession.until(what: String, timeoutMs: Long = 45_000, check: (DojoSessionState) -> Boolean): DojoSessionState =
        withTimeoutOrNull(timeoutMs) { state.first(check) }
            ?: throw AssertionError("timed out waiting for $what; connection ${state.value.connection}, files ${state.value.files}, errors ${state.value.errors}")

    private suspend fun DojoSession.joined() = until("joined with the document") { it.connection == Connection.Joined && it.files.isNotEmpty() && it.room != null }

    private fun tsState(client: String) = stack.call("tsState", "client" to client)

    private fun JsonObject.file(path: String) = this["files"]!!.jsonObject[path]?.jsonPrimitive?.content

    private suspend fun tsUntil(client: String, what: String, timeoutMs: Long = 45_000, check: (JsonObject) -> Boolean): JsonObject {
        val deadline = System.currentTimeMillis() + timeoutMs
        while (true) {
            val state = tsState(client)
            if (check(state)) return state
            if (System.currentTimeMillis() > deadline) throw AssertionError("timed out waiting for $what at TypeScript client $client: $state")
            delay(50)
        }
    }

    private val file = "fizzbuzz.ts"

    // ------------------------------------------------------------------ tests

    @Test
    fun `sign up, create a POC, find it misspelled with facets and highlights, attach a file, create a dojo`() = runBlocking<Unit> {
        val team = team()
        val api = team.owner
        assertEquals("Ada", api.me().name)
        val poc = api.createPoc(PocCreate(name = "Kubernetes operator", languages = listOf("Go"), tags = listOf("k8s")))
        var found = api.search("kubernets")
        val deadline = System.currentTimeMillis() + 30_000
        while (found.total == 0 && System.currentTimeMillis() < deadline) {
            delay(100)
            found = api.search("kubernets")
        }
        assertEquals(poc.id, found.hits.single().id)
        assertTrue(found.hits.single().highlight.name.contains("<mark>"), found.hits.single().highlight.name)
        assertEquals(1, found.facets.languages.values.sum())

        val edited = api.updatePoc(poc.id, poc.version, PocUpdate(description = "Reconciles CRDs"))
        assertEquals(poc.version + 1, edited.version)
        assertThrows<ApiError.VersionMismatch> { api.updatePoc(poc.id, poc.version, PocUpdate(name = "stale edit")) }
        assertThrows<ApiError.Invalid> { api.createPoc(PocCreate(name = "", languages = emptyList())) }

        val bytes = "# notes\nhello".toByteArray()
        val attachment = api.attach(poc.id, "notes.md", "text/markdown", bytes)
        val listed = api.attachments(poc.id).single { it.id == attachment.id }
        assertEquals(String(bytes), String(api.download(listed.url)))

        val dojo = dojo(team)
        assertEquals("fizzbuzz", dojo.kataId)
        assertTrue(api.dojos().items.any { it.id == dojo.id })
        val ticket = api.dojoTicket(dojo.id)
        assertEquals(stack.engineUrl, ticket.engineUrl)
    }

    @Test
    fun `two Kotlin clients and a TypeScript client edit at once and converge`() = runBlocking<Unit> {
        val team = team(members = 1)
        val dojo = dojo(team)
        val ada = session(team.owner, dojo.id)
        val bob = session(team.members[0], dojo.id)
        ada.joined()
        bob.joined()
        stack.call("tsJoin", "client" to "conv", "dojoId" to dojo.id, "accessToken" to team.owner.tokens.load()!!.accessToken)
        val start = ada.state.value.files[file]!!
        repeat(10) { i ->
            ada.insert(file, 0, "a$i;")
            // Bob types at the start too, not at the length of his view: an index read from `state` is stale by
            // the time the session applies the splice, once others' inserts before it have arrived, and on a
            // loaded machine it put "b7;" inside his own "b3;". Index 0 never falls inside a token.
            bob.insert(file, 0, "b$i;")
            stack.call("tsType", "client" to "conv", "path" to file, "index" to 5, "text" to "t")
        }
        // The TypeScript client's "t"s may land inside another client's "a5;" (they type at once): every insert
        // is there when the text grew by all of them and each token reads whole once the "t"s are taken out.
        val done = { text: String? ->
            val stripped = text?.replace("t", "")
            text != null && text.length == start.length + 10 * ("a0;".length + "b0;".length + 1) &&
                (0 until 10).all { stripped!!.contains("a$it;") && stripped.contains("b$it;") }
        }
        val adaText = ada.until("Ada's view converged") { done(it.files[file]) }.files[file]
        val bobText = bob.until("Bob's view equal to Ada's") { it.files[file] == adaText }.files[file]
        val tsText = tsUntil("conv", "the TypeScript view equal to Ada's") { it.file(file) == adaText }.file(file)
        assertEquals(adaText, bobText)
        assertEquals(adaText, tsText)
        // Every message the engine sent (runs, the voice roster included) was understood.
        for (client in listOf(ada, bob)) {
            val protocolErrors = client.state.value.errors.filter { it.kind == app.pocdojo.core.dojo.SessionError.Kind.PROTOCOL }
            assertEquals(emptyList<Any>(), protocolErrors)
        }
        assertEquals(emptyList<Any>(), ada.state.value.voice)
        stack.call("tsLeave", "client" to "conv")
    }

    @Test
    fun `under editPolicy driver a navigator edit gets edit_forbidden and a reset and reaches nobody, while presence, chat, timer and rotation reach everyone`() = runBlocking<Unit> {
        val team = team(members = 2)
        val dojo = dojo(team, editPolicy = "driver")
        // Carol (TypeScript) arrives first and drives; Bob (Kotlin) navigates; Ada (Kotlin) facilitates.
        stack.call("tsJoin", "client" to "carol", "dojoId" to dojo.id, "accessToken" to team.members[1].tokens.load()!!.accessToken)
        val bob = session(team.members[0], dojo.id)
        val ada = session(team.owner, dojo.id)
        bob.joined()
        ada.joined()
        val bobState = bob.until("Bob seated as navigator") { s -> s.myParticipant?.seat == "navigator" }
        assertFalse(bobState.canEdit)
        assertTrue(ada.state.value.canEdit, "facilitators may edit")
        val before = ada.state.value.files[file]!!

        // A local refusal first: the core keeps the policy by default.
        bob.insert(file, 0, "LOCAL")
        bob.until("the local refusal") { it.errors.any { e -> e.code == DojoErrorCode.EDIT_FORBIDDEN && e.ref == "local" } }
        assertEquals(before, bob.state.value.files[file])
        // Forced through, the server refuses it and resets Bob's document.
        bob.splice(file, 0, 0, "FORBIDDEN", ignorePolicy = true)
        val refused = bob.until("edit_forbidden and a reset") { s ->
            s.resets >= 1 && s.errors.any { it.kind == app.pocdojo.core.dojo.SessionError.Kind.SERVER && it.code == DojoErrorCode.EDIT_FORBIDDEN }
        }
        bob.until("Bob's document back to the room's") { it.files[file] == before }
        assertTrue(refused.resets >= 1)

        // Presence and chat reach everyone.
        bob.setPresence(file, 3, 7, typing = false)
        ada.until("Bob's cursor at Ada") { s -> s.presence.values.any { it.name == "Bob" && it.head == 7L } }
        tsUntil("carol", "Bob's cursor at Carol") { s -> s["presence"]!!.jsonArray.any { it.jsonObject["name"]!!.jsonPrimitive.content == "Bob" && it.jsonObject["head"]?.jsonPrimitive?.content == "7" } }
        ada.chat("olá, dojo!")
        bob.until("Ada's chat at Bob") { s -> s.chat.any { it.text == "olá, dojo!" && it.name == "Ada" } }
        tsUntil("carol", "Ada's chat at Carol") { s -> s["chat"]!!.jsonArray.any { it.jsonPrimitive.content == "olá, dojo!" } }

        // Request to drive (§7.5): Bob asks, Ada (facilitating) sees it and hands him the keyboard; the change of
        // driver clears the request everywhere. Then Ada gives the keyboard back to Carol.
        val carolUserId = ada.state.value.room!!.driverUserId
        val bobId = bob.state.value.me!!.userId
        bob.requestDrive()
        ada.until("Bob's request at Ada") { s -> s.mayAcceptDriveRequests && s.openDriveRequests().any { it.userId == bobId } }
        bob.until("Bob sees his own request") { s -> s.openDriveRequests().any { it.userId == bobId } }
        ada.acceptDrive(bobId)
        bob.until("Bob drives after the hand-over") { s -> s.room?.driverUserId == bobId && s.canEdit && s.driveRequests.isEmpty() }
        ada.until("the request cleared at Ada") { s -> s.driveRequests.isEmpty() }
        ada.command(CommandAction.SET_DRIVER, carolUserId)
        bob.until("Carol drives again") { s -> s.room?.driverUserId == carolUserId && !s.canEdit }

        // The facilitator starts the timer and rotates: Bob drives and may edit now.
        ada.command(CommandAction.TIMER_START)
        bob.until("the running timer") { it.room?.timer?.status == "running" && it.timerRemainingMs() > 0 }
        tsUntil("carol", "the running timer at Carol") { it["timer"]?.jsonPrimitive?.content == "running" }
        val bobUserId = bob.state.value.me!!.userId
        ada.command(CommandAction.ROTATE)
        val driving = bob.until("Bob driving") { s -> s.room?.driverUserId == bobUserId && s.canEdit }
        assertTrue(driving.announcements.any { it.kind == "rotation" && it.driverUserId == bobUserId })
        ada.until("the rotation at Ada") { s -> s.announcements.any { it.kind == "rotation" && it.driverUserId == bobUserId } }
        tsUntil("carol", "the rotation at Carol") { s -> s["driverUserId"]?.jsonPrimitive?.content == bobUserId }
        bob.insert(file, 0, "// bob drives\n")
        ada.until("Bob's edit as driver at Ada") { it.files[file]!!.startsWith("// bob drives\n") }
        val carol = tsUntil("carol", "Bob's edit at Carol") { it.file(file)!!.startsWith("// bob drives\n") }
        // The refused edit never reached anyone.
        assertFalse(carol.file(file)!!.contains("FORBIDDEN"))
        assertFalse(ada.state.value.files[file]!!.contains("FORBIDDEN"))
        assertFalse(bob.state.value.files[file]!!.contains("FORBIDDEN"))
        stack.call("tsLeave", "client" to "carol")
    }

    @Test
    fun `a dropped socket reconnects with its token and edits made offline merge`() = runBlocking<Unit> {
        val team = team()
        val dojo = dojo(team)
        val ada = session(team.owner, dojo.id)
        ada.joined()
        stack.call("tsJoin", "client" to "peer", "dojoId" to dojo.id, "accessToken" to team.owner.tokens.load()!!.accessToken)
        val sessionId = ada.state.value.me!!.sessionId

        // A network failure: the socket dies without a goodbye, the session gets back in with its token.
        ada.dropSocketForTest()
        ada.until("reconnecting") { it.connection is Connection.Reconnecting }
        ada.joined()
        assertEquals(sessionId, ada.state.value.me!!.sessionId, "a token reconnection keeps the seat")

        // Offline on purpose: edits stay local while the peer edits too, then both merge.
        ada.suspendConnection()
        ada.until("suspended") { it.connection == Connection.Suspended }
        ada.insert(file, 0, "// offline edit\n")
        stack.call("tsType", "client" to "peer", "path" to file, "index" to 0, "text" to "// online edit\n")
        tsUntil("peer", "the peer's own edit") { it.file(file)!!.contains("// online edit") }
        assertFalse(tsState("peer").file(file)!!.contains("offline"))
        ada.resumeConnection()
        ada.joined()
        assertEquals(sessionId, ada.state.value.me!!.sessionId, "back inside the window: the same seat")
        val merged = ada.until("both edits at Ada") { it.files[file]!!.contains("// offline edit") && it.files[file]!!.contains("// online edit") }.files[file]
        tsUntil("peer", "both edits at the peer") { it.file(file) == merged }
        stack.call("tsLeave", "client" to "peer")
    }

    @Test
    fun `after SIGKILL of the engine the client matchmakes again and converges with nothing lost`() = runBlocking<Unit> {
        val team = team()
        val dojo = dojo(team)
        val ada = session(team.owner, dojo.id)
        ada.joined()
        val sessionId = ada.state.value.me!!.sessionId
        ada.insert(file, 0, "// before the crash\n")
        stack.call("tsJoin", "client" to "witness", "dojoId" to dojo.id, "accessToken" to team.owner.tokens.load()!!.accessToken)
        tsUntil("witness", "the edit before the crash") { it.file(file)!!.contains("before the crash") }

        stack.call("killEngine")
        ada.until("the session noticing") { it.connection is Connection.Reconnecting }
        // Typed while the engine is down: kept locally until a room exists again.
        ada.insert(file, 0, "// during the outage\n")
        stack.call("startEngine")
        ada.until("joined a new room") { it.connection == Connection.Joined && it.me?.sessionId != sessionId }
        val text = ada.until("both edits in the new room's document") { s ->
            s.files[file].orEmpty().contains("before the crash") && s.files[file].orEmpty().contains("during the outage")
        }.files[file]
        stack.call("tsJoin", "client" to "after", "dojoId" to dojo.id, "accessToken" to team.owner.tokens.load()!!.accessToken)
        val seen = tsUntil("after", "everything at a client that joined after the crash") { it.file(file) == text }
        assertNotEquals(null, seen.file(file))
        stack.call("tsLeave", "client" to "after")
    }
}
