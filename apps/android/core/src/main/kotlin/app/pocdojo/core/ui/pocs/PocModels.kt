package app.pocdojo.core.ui.pocs

/** POC statuses, in the order forms offer them (the server's enum). */
val PocStatuses: List<String> = listOf("idea", "active", "done", "archived")

/** One POC as the list and the search results show it. */
data class PocSummary(
    val id: String,
    val name: String,
    val description: String?,
    val languages: List<String>,
    val tags: List<String>,
    val ownerId: String?,
    val status: String?,
    /** Search highlights by field (`name`, `description`…), with matches between `<mark>` and `</mark>`. */
    val highlight: Map<String, String> = emptyMap(),
)

/** One full POC; [version] goes back as `If-Match` on edits. */
data class PocDetails(
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
    val updatedAt: String,
    val version: Int,
)

/** What create and edit send. */
data class PocDraft(
    val name: String,
    val description: String,
    val languages: List<String>,
    val tags: List<String>,
    val repoUrl: String?,
    val status: String,
    val startedAt: String?,
    val finishedAt: String?,
)

/** List filters (`GET /v1/pocs`): all optional. */
data class PocFilters(
    val language: String? = null,
    val tag: String? = null,
    val status: String? = null,
    val ownerId: String? = null,
)

data class PocPage(val items: List<PocSummary>, val nextCursor: String?)

/** Search answer: hits plus facet counts per value. */
data class PocSearch(
    val hits: List<PocSummary>,
    val languageFacets: Map<String, Int>,
    val tagFacets: Map<String, Int>,
    val total: Int,
)

data class MemberItem(val id: String, val name: String)

/** An attachment with its short-lived download URL. */
data class AttachmentItem(val id: String, val fileName: String, val contentType: String, val bytes: Long, val url: String)

/** A file picked on the device, read lazily: the platform layer opens the stream. */
class LocalFile(
    val fileName: String,
    val contentType: String,
    val bytes: Long,
    val open: () -> java.io.InputStream,
)
