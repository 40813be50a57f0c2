package app.pocdojo.core.api

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withContext
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import kotlinx.serialization.json.putJsonObject
import okhttp3.HttpUrl
import okhttp3.HttpUrl.Companion.toHttpUrl
import okhttp3.MediaType.Companion.toMediaType
import okhttp3.OkHttpClient
import okhttp3.Protocol
import okhttp3.Request
import okhttp3.RequestBody
import okhttp3.RequestBody.Companion.toRequestBody
import okhttp3.Response
import java.io.IOException

/**
 * The platform API (docs/openapi.json) for the apps: every call is a suspend function returning a typed body or
 * throwing a typed [ApiError]. Access tokens are refreshed once on a 401 (the refresh token rotates, so concurrent
 * calls share one refresh), and a failed refresh clears the [tokens] store: the app shows the login screen.
 */
class PlatformApi(
    baseUrl: String,
    val tokens: TokenStore = InMemoryTokenStore(),
    http: OkHttpClient = OkHttpClient(),
) {
    private val base: HttpUrl = baseUrl.trimEnd('/').toHttpUrl()
    // HTTP/1.1 only: the local services speak nothing else, and the JDK's h2c upgrade is refused (docs/protocol.md §16).
    val http: OkHttpClient = http.newBuilder().protocols(listOf(Protocol.HTTP_1_1)).build()
    private val refreshLock = Mutex()

    // ------------------------------------------------------------------ identity

    suspend fun signUp(body: Signup): Session =
        send<Session>(post("/v1/signup", Signup.serializer(), body), Session.serializer(), authenticated = false).also(::keep)

    suspend fun logIn(body: Login): Session =
        send<Session>(post("/v1/auth/login", Login.serializer(), body), Session.serializer(), authenticated = false).also(::keep)

    /** Rotates the refresh token; called by the client itself on a 401, public for apps that refresh ahead of time. */
    suspend fun refresh(): TokenPair {
        val current = tokens.load() ?: throw ApiError.Unauthenticated(Problem(status = 401, code = "unauthenticated", title = "Signed out"))
        val pair = try {
            send(post("/v1/auth/refresh", RefreshBody.serializer(), RefreshBody(current.refreshToken)), TokenPair.serializer(), authenticated = false)
        } catch (e: ApiError.Unauthenticated) {
            tokens.save(null)
            throw e
        }
        tokens.save(Tokens(pair.accessToken, pair.refreshToken))
        return pair
    }

    suspend fun logOut() {
        val current = tokens.load() ?: return
        try {
            sendUnit(post("/v1/auth/logout", RefreshBody.serializer(), RefreshBody(current.refreshToken)), authenticated = false)
        } finally {
            tokens.save(null)
        }
    }

    suspend fun me(): Me = send(get("/v1/me"), Me.serializer())

    suspend fun changePassword(body: PasswordChange) = sendUnit(post("/v1/me/password", PasswordChange.serializer(), body))

    suspend fun members(): List<Member> = send(get("/v1/members"), Items.serializer(Member.serializer())).items

    suspend fun invite(body: InvitationCreate): Invitation = send(post("/v1/invitations", InvitationCreate.serializer(), body), Invitation.serializer())

    suspend fun invitations(): List<Invitation> = send(get("/v1/invitations"), Items.serializer(Invitation.serializer())).items

    /** Accepts an invitation from its e-mail link and signs in as the new member. */
    suspend fun acceptInvitation(body: InvitationAccept): Session =
        send<Session>(post("/v1/invitations/accept", InvitationAccept.serializer(), body), Session.serializer(), authenticated = false).also(::keep)

    // ------------------------------------------------------------------ POCs

    suspend fun createPoc(body: PocCreate): Poc = send(post("/v1/pocs", PocCreate.serializer(), body), Poc.serializer())

    suspend fun poc(id: String): Poc = send(get("/v1/pocs/${seg(id)}"), Poc.serializer())

    suspend fun pocs(
        cursor: String? = null,
        limit: Int? = null,
        language: String? = null,
        tag: String? = null,
        owner: String? = null,
        status: String? = null,
    ): Page<Poc> = send(
        get("/v1/pocs", "cursor" to cursor, "limit" to limit?.toString(), "language" to language, "tag" to tag, "owner" to owner, "status" to status),
        Page.serializer(Poc.serializer()),
    )

    /** Sends `If-Match: "<version>"` (the version the user edited); a concurrent change gives [ApiError.VersionMismatch]. */
    suspend fun updatePoc(id: String, version: Long, body: PocUpdate): Poc {
        val request = Request.Builder().url(url("/v1/pocs/${seg(id)}")).patch(json(PocUpdate.serializer(), body)).header("If-Match", "\"$version\"").build()
        return send(request, Poc.serializer())
    }

    suspend fun deletePoc(id: String) = sendUnit(Request.Builder().url(url("/v1/pocs/${seg(id)}")).delete().build())

    /** Typo-tolerant search with facet counts and `<mark>` highlights; [languages] and [tags] filter (any of). */
    suspend fun search(
        query: String,
        languages: List<String> = emptyList(),
        tags: List<String> = emptyList(),
        limit: Int? = null,
        offset: Int? = null,
    ): SearchResult = send(
        get(
            "/v1/pocs/search",
            "q" to query,
            "languages" to languages.takeIf { it.isNotEmpty() }?.joinToString(","),
            "tags" to tags.takeIf { it.isNotEmpty() }?.joinToString(","),
            "limit" to limit?.toString(),
            "offset" to offset?.toString(),
        ),
        SearchResult.serializer(),
    )

    // ------------------------------------------------------------------ attachments (presigned URLs)

    suspend fun requestUpload(pocId: String, body: AttachmentRequest): UploadTicket =
        send(post("/v1/pocs/${seg(pocId)}/attachments", AttachmentRequest.serializer(), body), UploadTicket.serializer())

    /** PUTs the file to the presigned URL with exactly the headers it was signed with (no access token). */
    suspend fun upload(ticket: UploadTicket, bytes: ByteArray) {
        val builder = Request.Builder().url(ticket.uploadUrl).method(ticket.method, bytes.toRequestBody())
        ticket.headers.forEach { (name, value) -> builder.header(name, value) }
        raw(builder.build()).use { if (!it.isSuccessful) throw ApiError.Transport("upload refused: HTTP ${it.code}") }
    }

    /** Asks for an upload URL and uploads: the attachment is listed afterwards. */
    suspend fun attach(pocId: String, fileName: String, contentType: String, bytes: ByteArray): AttachmentInfo {
        val ticket = requestUpload(pocId, AttachmentRequest(fileName, contentType, bytes.size.toLong()))
        upload(ticket, bytes)
        return ticket.attachment
    }

    suspend fun attachments(pocId: String): List<Attachment> = send(get("/v1/pocs/${seg(pocId)}/attachments"), Items.serializer(Attachment.serializer())).items

    /** Reads a presigned download URL (attachment, report, video). */
    suspend fun download(url: String): ByteArray = raw(Request.Builder().url(url).build()).use {
        if (!it.isSuccessful) throw ApiError.Transport("download refused: HTTP ${it.code}")
        it.body.bytes()
    }

    // ------------------------------------------------------------------ katas and dojos

    suspend fun katas(): List<KataSummary> = send(get("/v1/katas"), Items.serializer(KataSummary.serializer())).items

    suspend fun kata(id: String): Kata = send(get("/v1/katas/${seg(id)}"), Kata.serializer())

    suspend fun createDojo(body: DojoCreate): Dojo = send(post("/v1/dojos", DojoCreate.serializer(), body), Dojo.serializer())

    suspend fun dojos(status: String? = null, cursor: String? = null, limit: Int? = null): Page<Dojo> =
        send(get("/v1/dojos", "status" to status, "cursor" to cursor, "limit" to limit?.toString()), Page.serializer(Dojo.serializer()))

    suspend fun dojo(id: String): Dojo = send(get("/v1/dojos/${seg(id)}"), Dojo.serializer())

    suspend fun updateDojo(id: String, body: DojoUpdate): Dojo =
        send(Request.Builder().url(url("/v1/dojos/${seg(id)}")).patch(json(DojoUpdate.serializer(), body)).build(), Dojo.serializer())

    suspend fun deleteDojo(id: String) = sendUnit(Request.Builder().url(url("/v1/dojos/${seg(id)}")).delete().build())

    /** A fresh, short-lived ticket for the dojo engine (one per join). */
    suspend fun dojoTicket(dojoId: String): DojoTicket =
        send(Request.Builder().url(url("/v1/dojos/${seg(dojoId)}/tickets")).post(ByteArray(0).toRequestBody()).build(), DojoTicket.serializer())

    // ------------------------------------------------------------------ reports and videos

    suspend fun requestReport(request: ReportRequest): JobAccepted {
        val body = buildJsonObject {
            if (request.scope == "tenant" || request.scope == "me") put("scope", request.scope)
            else putJsonObject("scope") { put("userId", request.scope) }
            put("from", request.from)
            put("to", request.to)
            put("format", request.format)
        }
        return send(Request.Builder().url(url("/v1/reports")).post(body.toString().toRequestBody(JSON)).build(), JobAccepted.serializer())
    }

    suspend fun requestVideo(body: VideoRequest): JobAccepted = send(post("/v1/videos", VideoRequest.serializer(), body), JobAccepted.serializer())

    suspend fun job(id: String): Job = send(get("/v1/jobs/${seg(id)}"), Job.serializer())

    suspend fun jobs(limit: Int? = null): List<Job> = send(get("/v1/jobs", "limit" to limit?.toString()), Items.serializer(Job.serializer())).items

    // ------------------------------------------------------------------ plumbing

    private fun keep(session: Session) = tokens.save(Tokens(session.accessToken, session.refreshToken))

    private fun seg(value: String) = java.net.URLEncoder.encode(value, Charsets.UTF_8).replace("+", "%20")

    private fun url(path: String, vararg query: Pair<String, String?>): HttpUrl {
        val builder = base.newBuilder().encodedPath(base.encodedPath.trimEnd('/') + path)
        for ((name, value) in query) if (value != null) builder.addQueryParameter(name, value)
        return builder.build()
    }

    private fun get(path: String, vararg query: Pair<String, String?>) = Request.Builder().url(url(path, *query)).get().build()

    private fun <T> post(path: String, serializer: KSerializer<T>, body: T) = Request.Builder().url(url(path)).post(json(serializer, body)).build()

    private fun <T> json(serializer: KSerializer<T>, body: T): RequestBody = codec.encodeToString(serializer, body).toRequestBody(JSON)

    private suspend fun raw(request: Request): Response = withContext(Dispatchers.IO) {
        try {
            http.newCall(request).execute()
        } catch (e: IOException) {
            throw ApiError.Transport("${request.method} ${request.url.encodedPath}: ${e.message}", e)
        }
    }

    private suspend fun <T> send(request: Request, serializer: KSerializer<T>, authenticated: Boolean = true): T {
        val text = exchange(request, authenticated)
        try {
            return codec.decodeFromString(serializer, text)
        } catch (e: SerializationException) {
            throw ApiError.Transport("${request.method} ${request.url.encodedPath}: unexpected body: ${e.message}", e)
        } catch (e: IllegalArgumentException) {
            throw ApiError.Transport("${request.method} ${request.url.encodedPath}: unexpected body: ${e.message}", e)
        }
    }

    private suspend fun sendUnit(request: Request, authenticated: Boolean = true) {
        exchange(request, authenticated)
    }

    /** Runs the request (with the access token, refreshing once on 401); returns the body of a 2xx. */
    private suspend fun exchange(request: Request, authenticated: Boolean): String {
        val used = if (authenticated) tokens.load() else null
        val first = raw(withToken(request, used))
        if (first.code == 401 && authenticated && used != null) {
            first.close()
            val fresh = refreshLock.withLock {
                val now = tokens.load()
                // Another call refreshed while we waited: use its tokens instead of rotating again.
                if (now != null && now.accessToken != used.accessToken) now else refresh().let { Tokens(it.accessToken, it.refreshToken) }
            }
            return body(raw(withToken(request, fresh)))
        }
        return body(first)
    }

    private fun withToken(request: Request, tokens: Tokens?) =
        if (tokens == null) request else request.newBuilder().header("Authorization", "Bearer ${tokens.accessToken}").build()

    private fun body(response: Response): String = response.use {
        val text = it.body.string()
        if (it.isSuccessful) return text
        val problem = try {
            codec.decodeFromString(Problem.serializer(), text)
        } catch (e: Exception) {
            Problem(status = it.code, code = "http_${it.code}", title = it.message, detail = text.take(200))
        }
        throw ApiError.of(problem.copy(status = it.code), it.header("Retry-After")?.toLongOrNull())
    }

    companion object {
        private val JSON = "application/json".toMediaType()
        val codec = Json { ignoreUnknownKeys = true; explicitNulls = false; encodeDefaults = false }
    }
}

