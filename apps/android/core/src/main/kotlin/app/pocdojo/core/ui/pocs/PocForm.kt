package app.pocdojo.core.ui.pocs

/** The POC form as typed: lists are comma-separated text, dates `YYYY-MM-DD` or blank. */
data class PocForm(
    val name: String = "",
    val description: String = "",
    val languages: String = "",
    val tags: String = "",
    val repoUrl: String = "",
    val status: String = "idea",
    val startedAt: String = "",
    val finishedAt: String = "",
) {
    fun toDraft(): PocDraft = PocDraft(
        name = name.trim(),
        description = description,
        languages = list(languages),
        tags = list(tags),
        repoUrl = repoUrl.trim().ifEmpty { null },
        status = status,
        startedAt = startedAt.trim().ifEmpty { null },
        finishedAt = finishedAt.trim().ifEmpty { null },
    )

    companion object {
        fun of(poc: PocDetails): PocForm = PocForm(
            name = poc.name,
            description = poc.description,
            languages = poc.languages.joinToString(", "),
            tags = poc.tags.joinToString(", "),
            repoUrl = poc.repoUrl.orEmpty(),
            status = poc.status,
            startedAt = poc.startedAt?.take(10).orEmpty(),
            finishedAt = poc.finishedAt?.take(10).orEmpty(),
        )

        private fun list(text: String) = text.split(',').map { it.trim() }.filter { it.isNotEmpty() }.distinct()
    }
}
