/**
 * SIP message parsing (RFC 3261 with the RFC 4475 / RFC 5118 torture cases) over
 * {@link java.nio.ByteBuffer}s that may be direct buffers shared with C modules.
 *
 * <h2>Flow per message</h2>
 * <ol>
 * <li>UDP: {@link org.sipbridge.sip.CallIdLocator#hash} on the raw datagram picks the worker
 * (one dialog, one worker, in order). TCP/TLS: {@link org.sipbridge.sip.StreamFramer} cuts the
 * stream into messages and keep-alives.</li>
 * <li>{@link org.sipbridge.sip.SipParser#parse} fills a reusable
 * {@link org.sipbridge.sip.SipMessage}: start line, header table, body extent.</li>
 * <li>{@link org.sipbridge.sip.SipValidator#validate} applies the message-level rules; on an
 * error, {@link org.sipbridge.sip.SipValidator#canReply} decides between answering with
 * {@link org.sipbridge.sip.SipError#statusCode()} / {@link org.sipbridge.sip.SipError#reason()}
 * and dropping silently.</li>
 * <li>Header insides are parsed on demand into reusable objects:
 * {@link org.sipbridge.sip.Via}, {@link org.sipbridge.sip.NameAddr},
 * {@link org.sipbridge.sip.CSeq}, {@link org.sipbridge.sip.SipUri},
 * {@link org.sipbridge.sip.HeaderValues}, {@link org.sipbridge.sip.SipNumbers}.</li>
 * </ol>
 *
 * <h2>Rules of the package</h2>
 * <ul>
 * <li>No allocation on the hot path: keep one parser, message, validator and deep-parse objects
 * per worker thread (none of them but {@link org.sipbridge.sip.SipParser} is thread-safe).
 * Methods returning {@code String} allocate and are for tests, logs and cold paths.</li>
 * <li>Malformed input never throws: results are {@link org.sipbridge.sip.SipError} values with
 * constant reasons, plus an offset.</li>
 * <li>All offsets are absolute indices into the message's buffer, read with absolute
 * {@code get}: edits made to the bytes (by C modules) are seen by later deep parses.</li>
 * </ul>
 */
package org.sipbridge.sip;
