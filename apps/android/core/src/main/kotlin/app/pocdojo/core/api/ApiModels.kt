package app.pocdojo.core.api

import kotlinx.serialization.Serializable
import kotlinx.serialization.json.JsonObject

// Request and response bodies of platform-api, typed from docs/openapi.json (component names kept).

@Serializable data class Tenant(val id: String, val name: String, val slug: String)

@Serializable
data class Member(
    val id: String,
    val name: String,
    val email: String,
    val role: String,
    /** `pt-BR` or `en`: the language of the member's e-mails. */
    val locale: String? = null,
    /** False until the member follows the confirmation link e-mailed to them. */
    val emailVerified: Boolean = true,
    /** A new address waiting for its confirmation link to be followed. */
    val pendingEmail: String? = null,
    val createdAt: String,
)

@Serializable
data class Me(
    val id: String,
    val name: String,
    val email: String,
    val role: String,
    val emailVerified: Boolean = true,
    val createdAt: String,
    val tenantId: String,
)

@Serializable
data class Session(
    val accessToken: String,
    val refreshToken: String,
    val tokenType: String,
    val expiresIn: Long,
    val tenant: Tenant,
    val user: Member,
)

@Serializable data class TokenPair(val accessToken: String, val refreshToken: String, val tokenType: String, val expiresIn: Long)

@Serializable
data class Signup(val tenantName: String, val name: String, val email: String, val password: String, val tenantSlug: String? = null)

@Serializable data class Login(val tenant: String, val email: String, val password: String)

@Serializable internal data class RefreshBody(val refreshToken: String)

@Serializable data class PasswordChange(val currentPassword: String, val newPassword: String)

/** An invitation by e-mail link (the invitee sets their own name and password when they accept it). */
@Serializable data class InvitationCreate(val email: String, val role: String = "member", val locale: String? = null)

@Serializable data class Invitation(
    val id: String,
    val email: String,
    val role: String,
    val invitedBy: String? = null,
    val expiresAt: String,
    val createdAt: String,
    val sentCount: Int,
)

/** The token comes from the invitation e-mail's link (`…/join?token=…`). */
@Serializable data class InvitationAccept(val token: String, val password: String, val name: String? = null, val locale: String? = null)

@Serializable
data class Poc(
    val id: String,
    val ownerId: String,
    val name: String,
    val description: String,
    val languages: List<String>,
    val tags: List<String>,
    val repoUrl: String?,
    val status: String,
    val startedAt: String?,
    val finishedAt: String?,
    val createdAt: String,
    val updatedAt: String,
    val version: Long,
)

@Serializable
data class PocCreate(
    val name: String,
    val languages: List<String>,
    val description: String? = null,
    val tags: List<String>? = null,
    val repoUrl: String? = null,
    val status: String? = null,
    val startedAt: String? = null,
    val finishedAt: String? = null,
)

/** Only the fields set are sent (absent = unchanged). */
@Serializable
data class PocUpdate(
    val name: String? = null,
    val description: String? = null,
    val languages: List<String>? = null,
    val tags: List<String>? = null,
    val repoUrl: String? = null,
    val status: String? = null,
    val startedAt: String? = null,
    val finishedAt: String? = null,
    val ownerId: String? = null,
)

@Serializable data class Page<T>(val items: List<T>, val nextCursor: String? = null)

@Serializable data class Items<T>(val items: List<T>)

/** `highlight`: HTML-escaped text with matches in `<mark>…</mark>`. */
@Serializable data class Highlight(val name: String, val description: String? = null)

@Serializable
data class SearchHit(
    val id: String,
    val name: String,
    val languages: List<String>,
    val tags: List<String>,
    val ownerId: String,
    val highlight: Highlight,
)

@Serializable data class Facets(val languages: Map<String, Int>, val tags: Map<String, Int>)

@Serializable data class SearchResult(val hits: List<SearchHit>, val facets: Facets, val total: Int, val tookMs: Double)

@Serializable data class AttachmentRequest(val fileName: String, val contentType: String, val bytes: Long)

@Serializable
data class AttachmentInfo(val id: String, val fileName: String, val contentType: String, val bytes: Long, val createdAt: String)

/** Where to PUT the file: a presigned URL with the headers it was signed with. */
@Serializable
data class UploadTicket(
    val attachment: AttachmentInfo,
    val uploadUrl: String,
    val method: String,
    val headers: Map<String, String>,
    val expiresIn: Double,
)

/** An attachment with a presigned download `url`. */
@Serializable
data class Attachment(val id: String, val fileName: String, val contentType: String, val bytes: Long, val createdAt: String, val url: String)

@Serializable
data class KataSummary(
    val id: String,
    val title: String,
    val summary: String,
    val difficulty: String,
    val tags: List<String>,
    val languages: List<String>,
    val builtin: Boolean,
)

@Serializable data class StarterSet(val files: Map<String, String>)

@Serializable
data class Kata(
    val id: String,
    val title: String,
    val summary: String,
    val description: String,
    val difficulty: String,
    val tags: List<String>,
    val starters: Map<String, StarterSet>,
)

@Serializable
data class Dojo(
    val id: String,
    val title: String,
    val facilitatorId: String,
    val kataId: String?,
    val language: String,
    val durationMinutes: Double,
    val rotationMinutes: Double,
    val editPolicy: String,
    val scheduledAt: String?,
    val endedAt: String?,
    val status: String,
    val createdAt: String,
    val version: Long,
)

@Serializable
data class DojoCreate(
    val title: String,
    val language: String,
    val durationMinutes: Int,
    val rotationMinutes: Int,
    val editPolicy: String,
    val kataId: String? = null,
    val scheduledAt: String? = null,
)

@Serializable
data class DojoUpdate(
    val title: String? = null,
    val kataId: String? = null,
    val language: String? = null,
    val durationMinutes: Int? = null,
    val rotationMinutes: Int? = null,
    val editPolicy: String? = null,
    val scheduledAt: String? = null,
    val finished: Boolean? = null,
)

/** `POST /v1/dojos/:id/tickets`: what the dojo session needs to matchmake. */
@Serializable data class DojoTicket(val ticket: String, val engineUrl: String, val roomName: String, val expiresIn: Double)

/** `scope` is "tenant", "me" or a member's id (sent as `{userId}`). */
data class ReportRequest(val scope: String, val from: String, val to: String, val format: String)

@Serializable data class VideoRequest(val year: Int, val userId: String? = null)

@Serializable data class JobAccepted(val jobId: String)

@Serializable data class JobResult(val url: String, val bytes: Double, val contentType: String)

@Serializable
data class Job(
    val id: String,
    val kind: String,
    val status: String,
    val progress: Int,
    val stage: String?,
    val params: JsonObject,
    val error: String? = null,
    val result: JobResult? = null,
    val createdAt: String,
    val updatedAt: String,
) {
    val finished get() = status == "succeeded" || status == "failed"
}
