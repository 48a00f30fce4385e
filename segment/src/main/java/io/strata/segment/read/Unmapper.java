package io.strata.segment.read;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;

/**
 * Releases a file mapping now instead of when the garbage collector gets to it, so that the disk space of a dropped
 * segment is freed promptly. Uses {@code sun.misc.Unsafe.invokeCleaner} (module jdk.unsupported); if that is not
 * available, mappings are left to the garbage collector. Only call it when no reader can touch the buffer again.
 */
final class Unmapper {
  private static final MethodHandle INVOKE_CLEANER = find();

  private Unmapper() {
  }

  static void unmap(ByteBuffer mapped) {
    if (INVOKE_CLEANER == null || !mapped.isDirect()) {
      return;
    }
    try {
      INVOKE_CLEANER.invokeExact(mapped);
    } catch (Throwable e) {
      // Not unmappable (for example a slice): the garbage collector will release it.
    }
  }

  private static MethodHandle find() {
    try {
      Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
      Field f = unsafeClass.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      Object unsafe = f.get(null);
      return MethodHandles.lookup()
          .findVirtual(unsafeClass, "invokeCleaner", MethodType.methodType(void.class, ByteBuffer.class))
          .bindTo(unsafe);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
