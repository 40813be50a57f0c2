package app.pocdojo.core.ui.adapters

import app.pocdojo.core.api.PlatformApi
import app.pocdojo.core.api.Poc
import app.pocdojo.core.api.PocCreate
import app.pocdojo.core.api.PocUpdate
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
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext

/** The POC screens over [PlatformApi]. */
class CorePocPort(private val platform: PlatformApi) : PocPort {
    override suspend fun list(filters: PocFilters, cursor: String?): PocPage {
        val page = api {
            platform.pocs(cursor = cursor, language = filters.language, tag = filters.tag, owner = filters.ownerId, status = filters.status)
        }
        return PocPage(page.items.map { it.summary() }, page.nextCursor)
    }

    override suspend fun search(query: String, languages: Set<String>, tags: Set<String>): PocSearch {
        val found = api { platform.search(query, languages.toList(), tags.toList()) }
        return PocSearch(
            hits = found.hits.map { hit ->
                PocSummary(
                    hit.id, hit.name, hit.highlight.description, hit.languages, hit.tags, hit.ownerId, status = null,
                    highlight = listOfNotNull("name" to hit.highlight.name, hit.highlight.description?.let { "description" to it }).toMap(),
                )
            },
            languageFacets = found.facets.languages,
            tagFacets = found.facets.tags,
            total = found.total,
        )
    }

    override suspend fun members(): List<MemberItem> = api { platform.members() }.map { MemberItem(it.id, it.name) }

    override suspend fun get(id: String): PocDetails = api { platform.poc(id) }.details()

    override suspend fun create(draft: PocDraft): PocDetails = api {
        platform.createPoc(
            PocCreate(
                draft.name, draft.languages, draft.description, draft.tags, draft.repoUrl, draft.status,
                draft.startedAt, draft.finishedAt,
            ),
        )
    }.details()

    override suspend fun update(id: String, version: Int, draft: PocDraft): PocDetails = api {
        platform.updatePoc(
            id,
            version.toLong(),
            PocUpdate(
                draft.name, draft.description, draft.languages, draft.tags, draft.repoUrl, draft.status,
                draft.startedAt, draft.finishedAt,
            ),
        )
    }.details()

    // If-Match is optional on delete and the core's client does not send it: a delete wins over a concurrent edit.
    override suspend fun delete(id: String, version: Int) = api { platform.deletePoc(id) }

    override suspend fun attachments(pocId: String): List<AttachmentItem> =
        api { platform.attachments(pocId) }.map { AttachmentItem(it.id, it.fileName, it.contentType, it.bytes, it.url) }

    override suspend fun upload(pocId: String, file: LocalFile) {
        val bytes = withContext(Dispatchers.IO) { file.open().use { it.readBytes() } }
        api { platform.attach(pocId, file.fileName, file.contentType, bytes) }
    }

    private fun Poc.summary() = PocSummary(id, name, description, languages, tags, ownerId, status)

    private fun Poc.details() = PocDetails(
        id, ownerId, name, description, languages, tags, repoUrl, status, startedAt, finishedAt, updatedAt, version.toInt(),
    )
}
