package app.pocdojo.core.protocol

/** Bytes from the server that do not decode as the dojo protocol (docs/protocol.md); `message` says where. */
class ProtocolException(message: String, cause: Throwable? = null) : Exception(message, cause)
