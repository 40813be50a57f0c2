package app.pocdojo.core.e2e

import app.pocdojo.core.repoRoot
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.booleanOrNull
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.io.File
import java.util.concurrent.CompletableFuture
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger

/**
 * The real platform-api, search indexer and dojo-engine (scripts/e2e-stack.ts) on free ports over DATABASE_URL,
 * plus TypeScript dojo clients driven by JSON commands. Stops (and drops its databases) on [close].
 */
class E2eStack private constructor(private val process: Process) : AutoCloseable {
    lateinit var platformUrl: String
        private set
    lateinit var engineUrl: String
        private set
    private val ids = AtomicInteger()
    private val pending = ConcurrentHashMap<Int, CompletableFuture<JsonObject>>()
    private val ready = CompletableFuture<JsonObject>()
    private val stdin = process.outputStream.bufferedWriter()

    init {
        Thread({
            process.inputStream.bufferedReader().forEachLine { line ->
                val message = runCatching { Json.parseToJsonElement(line).jsonObject }.getOrNull() ?: return@forEachLine
                when {
                    message["ready"] != null -> ready.complete(message)
                    else -> message["id"]?.jsonPrimitive?.int?.let { pending.remove(it)?.complete(message) }
                }
            }
            val failure = IllegalStateException("scripts/e2e-stack.ts stopped; its log is in $LOG")
            ready.completeExceptionally(failure)
            pending.values.forEach { it.completeExceptionally(failure) }
        }, "e2e-stack-stdout").apply { isDaemon = true }.start()
        val hello = ready.get(180, TimeUnit.SECONDS)
        platformUrl = hello["platformUrl"]!!.jsonPrimitive.content
        engineUrl = hello["engineUrl"]!!.jsonPrimitive.content
    }

    /** Runs one command; throws with the stack's message when it fails. */
    fun call(cmd: String, vararg args: Pair<String, Any?>, timeoutSeconds: Long = 90): JsonObject {
        val id = ids.incrementAndGet()
        val future = CompletableFuture<JsonObject>()
        pending[id] = future
        val body = JsonObject(mapOf("id" to JsonPrimitive(id), "cmd" to JsonPrimitive(cmd)) + args.associate { (k, v) -> k to json(v) })
        synchronized(stdin) {
            stdin.write(body.toString())
            stdin.newLine()
            stdin.flush()
        }
        val answer = future.get(timeoutSeconds, TimeUnit.SECONDS)
        if (answer["ok"]?.jsonPrimitive?.booleanOrNull != true) throw AssertionError("$cmd failed: ${answer["error"]}")
        return answer
    }

    private fun json(value: Any?): JsonElement = when (value) {
        null -> kotlinx.serialization.json.JsonNull
        is String -> JsonPrimitive(value)
        is Number -> JsonPrimitive(value)
        is Boolean -> JsonPrimitive(value)
        else -> throw IllegalArgumentException("unsupported $value")
    }

    override fun close() {
        runCatching { stdin.close() }
        if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly()
    }

    companion object {
        val LOG = File("target/e2e-stack.log")

        /** The database the stack provisions from; without it the end-to-end tests are skipped. */
        val databaseUrl: String? get() = System.getenv("DATABASE_URL")

        fun start(): E2eStack {
            val node = File(repoRoot, "node_modules/.bin/node").takeIf { it.exists() }?.path ?: "node"
            LOG.parentFile.mkdirs()
            val process = ProcessBuilder(node, "scripts/e2e-stack.ts")
                .directory(repoRoot)
                .redirectError(ProcessBuilder.Redirect.appendTo(LOG))
                .also { it.environment()["LOG_LEVEL"] = System.getenv("LOG_LEVEL") ?: "warn" }
                .start()
            return E2eStack(process)
        }
    }
}
