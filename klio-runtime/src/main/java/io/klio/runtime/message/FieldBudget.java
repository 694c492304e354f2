package io.klio.runtime.message;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;

/**
 * Counts the fields of an encoded message at every depth, known and unknown, without building
 * anything, and refuses the bytes beyond a budget.
 *
 * <p>Exists because protobuf makes an object of every field it reads: a repeated empty job is 2
 * bytes on the wire and over 100 bytes once parsed, so 10 MB of them take a gigabyte to parse and
 * hundreds of megabytes to hold. Counting first keeps what a message can cost in proportion to its
 * bytes, whatever they hold.
 */
final class FieldBudget {
  /** Protobuf's own limit on nesting (CodedInputStream's default recursion limit). */
  private static final int MAX_DEPTH = 100;

  private final int max;
  private int count;

  private FieldBudget(int max) {
    this.max = max;
  }

  /**
   * Fails if {@code bytes}, read as a {@code type}, hold more than {@code max} fields in all (a
   * submessage and each field in it count; so does each field of an unknown group).
   *
   * @throws InvalidProtocolBufferException over budget, or where the bytes are not protobuf
   */
  static void check(byte[] bytes, Descriptor type, int max) throws InvalidProtocolBufferException {
    FieldBudget budget = new FieldBudget(max);
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    try {
      budget.fields(in, type, 0, 0);
    } catch (InvalidProtocolBufferException e) {
      throw e;
    } catch (IOException e) {
      throw new InvalidProtocolBufferException(e);
    }
  }

  /**
   * Counts fields up to the end of the current limit, or, inside a group, up to its end tag.
   *
   * @param type the message's type, or null for an unknown group (whose fields are all unknown)
   * @param group the number of the group being read, 0 for a length-delimited message
   */
  private void fields(CodedInputStream in, Descriptor type, int group, int depth)
      throws IOException {
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      int number = WireFormat.getTagFieldNumber(tag);
      int wireType = WireFormat.getTagWireType(tag);
      if (wireType == WireFormat.WIRETYPE_END_GROUP) {
        if (number != group) {
          throw new InvalidProtocolBufferException("an end-group tag that no group opened");
        }
        return;
      }
      if (++count > max) {
        throw new InvalidProtocolBufferException(
            "more than " + max + " fields; a Klio message names an element and a few jobs");
      }
      FieldDescriptor field = type == null ? null : type.findFieldByNumber(number);
      if (wireType == WireFormat.WIRETYPE_START_GROUP) {
        fields(in, null, number, deeper(depth));
      } else if (wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED
          && field != null
          && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        int length = in.readRawVarint32();
        int outer = in.pushLimit(length);
        fields(in, field.getMessageType(), 0, deeper(depth));
        in.popLimit(outer);
      } else {
        in.skipField(tag);
      }
    }
    if (group != 0) {
      throw new InvalidProtocolBufferException("a group without its end tag");
    }
  }

  private static int deeper(int depth) throws InvalidProtocolBufferException {
    if (depth + 1 > MAX_DEPTH) {
      throw new InvalidProtocolBufferException("nested more than " + MAX_DEPTH + " levels deep");
    }
    return depth + 1;
  }
}
