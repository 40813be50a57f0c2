package app.pocdojo.core.ui.fakes

import app.pocdojo.core.ui.common.UiError
import app.pocdojo.core.ui.common.UiFailure
import app.pocdojo.core.ui.pocs.AttachmentItem
import app.pocdojo.core.ui.pocs.LocalFile
import app.pocdojo.core.ui.pocs.MemberItem
import app.pocdojo.core.ui.pocs.PocDetails
import app.pocdojo.core.ui.pocs.PocDraft
import app.pocdojo.core.ui.pocs.PocFilters
import app.pocdojo.core.ui.pocs.PocPage
import app.pocdojo.core.ui.pocs.PocPort
import app.pocdojo.core.ui.pocs.PocSearch
import app.pocdojo.core.ui.pocs.PocSummary

/** An in-memory POC registry that records what the view models asked for. */
class FakePocPort : PocPort {
    val pocs = linkedMapOf<String, PocDetails>()
    val searches = mutableListOf<Triple<String, Set<String>, Set<String>>>()
    val listCalls = mutableListOf<Pair<PocFilters, String?>>()
    val updates = mutableListOf<Pair<String, Int>>()
    val uploaded = mutableListOf<String>()
    val attachmentLists = mutableListOf<Int>()
    var pageSize = 2
    var failUploadOf: String? = null
    var nextId = 1
    private var attachmentsById = mutableMapOf<String, MutableList<AttachmentItem>>()

    fun add(name: String, languages: List<String> = emptyList(), tags: List<String> = emptyList()): PocDetails {
        val poc = PocDetails("p${nextId++}", "u1", name, "", languages, tags, null, "idea", null, null, "2026-01-01T00:00:00Z", 1)
        pocs[poc.id] = poc
        return poc
    }

    /** Someone else saved [id] meanwhile. */
    fun bump(id: String, name: String) {
        val poc = pocs.getValue(id)
        pocs[id] = poc.copy(name = name, version = poc.version + 1)
    }

    override suspend fun list(filters: PocFilters, cursor: String?): PocPage {
        listCalls += filters to cursor
        val all = pocs.values.filter { filters.language == null || filters.language in it.languages }
        val from = cursor?.toInt() ?: 0
        val page = all.drop(from).take(pageSize).map { summary(it) }
        return PocPage(page, if (from + pageSize < all.size) (from + pageSize).toString() else null)
    }

    override suspend fun search(query: String, languages: Set<String>, tags: Set<String>): PocSearch {
        searches += Triple(query, languages, tags)
        val hits = pocs.values.filter { it.name.contains(query.take(3), ignoreCase = true) }
            .filter { languages.isEmpty() || it.languages.any(languages::contains) }
        return PocSearch(
            hits.map { summary(it) },
            hits.flatMap { it.languages }.groupingBy { it }.eachCount(),
            hits.flatMap { it.tags }.groupingBy { it }.eachCount(),
            hits.size,
        )
    }

    override suspend fun members() = listOf(MemberItem("u1", "Ada"))

    override suspend fun get(id: String) = pocs[id] ?: throw notFound()

    override suspend fun create(draft: PocDraft): PocDetails {
        val poc = PocDetails(
            "p${nextId++}", "u1", draft.name, draft.description, draft.languages, draft.tags, draft.repoUrl,
            draft.status, draft.startedAt, draft.finishedAt, "2026-01-02T00:00:00Z", 1,
        )
        pocs[poc.id] = poc
        return poc
    }

    override suspend fun update(id: String, version: Int, draft: PocDraft): PocDetails {
        updates += id to version
        val poc = pocs[id] ?: throw notFound()
        if (poc.version != version) throw UiFailure(UiError.Problem(412, "version_conflict", "Conflict", null))
        val saved = poc.copy(name = draft.name, languages = draft.languages, tags = draft.tags, version = version + 1)
        pocs[id] = saved
        return saved
    }

    override suspend fun delete(id: String, version: Int) {
        val poc = pocs[id] ?: throw notFound()
        if (poc.version != version) throw UiFailure(UiError.Problem(412, "version_conflict", "Conflict", null))
        pocs.remove(id)
    }

    override suspend fun attachments(pocId: String): List<AttachmentItem> {
        attachmentLists += 1
        return attachmentsById[pocId].orEmpty().map { it.copy(url = "https://s3.test/${it.fileName}?v=${attachmentLists.size}") }
    }

    override suspend fun upload(pocId: String, file: LocalFile) {
        if (file.fileName == failUploadOf) throw UiFailure(UiError.Problem(400, "invalid_request", "Bad type", null))
        file.open().use { it.readBytes() }
        uploaded += file.fileName
        attachmentsById.getOrPut(pocId) { mutableListOf() } +=
            AttachmentItem("a${uploaded.size}", file.fileName, file.contentType, file.bytes, "")
    }

    private fun summary(p: PocDetails) = PocSummary(p.id, p.name, p.description, p.languages, p.tags, p.ownerId, p.status)

    private fun notFound() = UiFailure(UiError.Problem(404, "poc_not_found", "Not found", null))
}
