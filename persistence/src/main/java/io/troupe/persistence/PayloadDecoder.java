package io.troupe.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

/** Turns a journal payload into a JSON tree without the event's class: tools read journals of any build. */
final class PayloadDecoder {

  // Pekko's serialization-identifiers for its Jackson serializers.
  static final int JACKSON_JSON = 31;
  static final int JACKSON_CBOR = 33;

  private final ObjectMapper cbor = new CBORMapper();
  private final ObjectMapper json = new ObjectMapper();

  JsonNode decode(int serializerId, byte[] payload) {
    try {
      return switch (serializerId) {
        case JACKSON_CBOR -> cbor.readTree(uncompressed(payload));
        case JACKSON_JSON -> json.readTree(uncompressed(payload));
        default -> opaque(serializerId, payload);
      };
    } catch (IOException e) {
      ObjectNode undecodable = opaque(serializerId, payload);
      undecodable.put("error", e.getMessage());
      return undecodable;
    }
  }

  private ObjectNode opaque(int serializerId, byte[] payload) {
    ObjectNode node = json.createObjectNode();
    node.put("serializerId", serializerId);
    node.put("base64", Base64.getEncoder().encodeToString(payload));
    return node;
  }

  // Pekko compresses large jackson-json payloads with gzip (and may be configured to for CBOR).
  private static InputStream uncompressed(byte[] payload) throws IOException {
    boolean gzipped = payload.length >= 2 && (payload[0] & 0xff) == 0x1f && (payload[1] & 0xff) == 0x8b;
    InputStream raw = new ByteArrayInputStream(payload);
    return gzipped ? new GZIPInputStream(raw) : raw;
  }
}
