package app.pocdojo.core.ui.pocs

/** What the POC screens need from the core's platform client. */
interface PocPort {
    suspend fun list(filters: PocFilters, cursor: String?): PocPage

    suspend fun search(query: String, languages: Set<String>, tags: Set<String>): PocSearch

    suspend fun members(): List<MemberItem>

    suspend fun get(id: String): PocDetails

    suspend fun create(draft: PocDraft): PocDetails

    /** Sends `If-Match: [version]`; a stale version fails with a 412 problem. */
    suspend fun update(id: String, version: Int, draft: PocDraft): PocDetails

    suspend fun delete(id: String, version: Int)

    suspend fun attachments(pocId: String): List<AttachmentItem>

    /** Asks for a presigned PUT and uploads the file's bytes to it. */
    suspend fun upload(pocId: String, file: LocalFile)
}
