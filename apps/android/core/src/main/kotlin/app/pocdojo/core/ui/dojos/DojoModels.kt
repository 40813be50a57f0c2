package app.pocdojo.core.ui.dojos

/** The kata languages the engine and the editor know, in the order forms offer them. */
val DojoLanguages: List<String> = listOf("typescript", "python", "java", "go")

/** Who may type in the room (`editPolicy`). */
val EditPolicies: List<String> = listOf("driver", "everyone")

data class DojoItem(
    val id: String,
    val title: String,
    val kataId: String?,
    val language: String,
    val durationMinutes: Int,
    val rotationMinutes: Int,
    val editPolicy: String,
    val scheduledAt: String?,
    /** `scheduled`, `live` or `finished`. */
    val status: String,
)

data class KataItem(
    val id: String,
    val title: String,
    val summary: String,
    val difficulty: String,
    val languages: List<String>,
)

data class DojoDraft(
    val title: String,
    val kataId: String?,
    val language: String,
    val durationMinutes: Int,
    val rotationMinutes: Int,
    val editPolicy: String,
    val scheduledAt: String?,
)
