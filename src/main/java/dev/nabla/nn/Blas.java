package dev.nabla.nn;

import dev.ludovic.netlib.blas.BLAS;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Which BLAS this JVM runs, chosen once, before netlib ({@code dev.ludovic.netlib}, what Spark and
 * Breeze call) picks its implementation:
 *
 * <ol>
 *   <li>the library named by netlib's own properties ({@code -Ddev.ludovic.netlib.blas.nativeLibPath=…}
 *       or {@code nativeLib}), when the user set one;</li>
 *   <li>else the system's {@code libblas.so.3} when it is an optimized BLAS (OpenBLAS, MKL, BLIS, ATLAS:
 *       e.g. Debian's {@code libopenblas0-pthread});</li>
 *   <li>else the OpenBLAS that Nabla's jar carries for Linux x86_64 (JavaCPP's
 *       {@code org.bytedeco:openblas}: {@code libopenblas.so.0} with the {@code libgfortran} and
 *       {@code libquadmath} it needs), extracted once per user and version into the temporary directory;</li>
 *   <li>else netlib's Java BLAS (its Vector API one with {@code --add-modules=jdk.incubator.vector}).</li>
 * </ol>
 *
 * Netlib's own "Failed to load implementation" warnings are silenced while it chooses: {@link #description}
 * says in one line what was chosen, and why when it is not native.
 */
public final class Blas {
  /** The JavaCPP OpenBLAS version the build bundles (its resources' directory). */
  private static final String BUNDLED = "org/bytedeco/openblas/linux-x86_64/";
  private static final String BUNDLED_POM = "META-INF/maven/org.bytedeco/openblas/pom.properties";
  /** Loaded in this order: each one's dependencies first (libopenblas finds them through its $ORIGIN run path). */
  private static final String[] BUNDLED_FILES = {"libquadmath.so.0", "libgfortran.so.5", "libopenblas.so.0"};
  private static final String PATH_PROPERTY = "dev.ludovic.netlib.blas.nativeLibPath";
  private static final String NAME_PROPERTY = "dev.ludovic.netlib.blas.nativeLib";
  private static final String[] SYSTEM_DIRS = {"/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu",
      "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/lib64", "/usr/lib", "/usr/local/lib"};
  private static final String[] OPTIMIZED = {"openblas", "mkl", "blis", "atlas", "armpl"};

  /** Why no native library was chosen, when none was (declared before the initializer that fills it). */
  private static final StringBuilder NOTE = new StringBuilder();
  private static final BLAS INSTANCE;
  private static final String DESCRIPTION;

  static {
    String source;
    try {
      source = chooseNative();
    } catch (RuntimeException | IOException | UnsatisfiedLinkError e) {
      source = null;
      System.clearProperty(PATH_PROPERTY);
      NOTE.append("the bundled OpenBLAS did not load (").append(e.getMessage()).append(")");
    }
    Logger netlib = Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder");
    Level level = netlib.getLevel();
    netlib.setLevel(Level.OFF);
    try {
      INSTANCE = BLAS.getInstance();
    } finally {
      netlib.setLevel(level);
    }
    DESCRIPTION = describe(INSTANCE, source);
  }

  private Blas() {
  }

  /** The BLAS every kernel of this JVM calls. */
  public static BLAS instance() {
    return INSTANCE;
  }

  /** Whether it is a native library (JNI) rather than Java. */
  public static boolean isNative() {
    return INSTANCE.getClass().getSimpleName().startsWith("JNI");
  }

  /**
   * One line saying which BLAS runs, e.g. {@code native OpenBLAS 0.3.31 (bundled, …/libopenblas.so.0),
   * OPENBLAS_NUM_THREADS=1} or {@code Java (VectorBLAS): …}.
   */
  public static String description() {
    return DESCRIPTION;
  }

  /** Sets netlib's library property to the library to load; returns where it comes from, or null for none. */
  private static String chooseNative() throws IOException {
    String own = System.getProperty(PATH_PROPERTY, System.getProperty(NAME_PROPERTY));
    if (own != null) {
      return own + " (set by -D" + (System.getProperty(PATH_PROPERTY) != null ? PATH_PROPERTY : NAME_PROPERTY) + ")";
    }
    Path system = systemLibrary();
    if (system != null && isOptimized(system)) {
      return "system " + system;
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "");
    if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      NOTE.append("Nabla bundles OpenBLAS for Linux x86_64 only, this is ").append(os).append(' ').append(arch);
      return null;
    }
    if (Blas.class.getClassLoader().getResource(BUNDLED + "libopenblas.so.0") == null) {
      NOTE.append("the bundled OpenBLAS (org.bytedeco:openblas) is not on the class path");
      return null;
    }
    Path dir = extractBundled();
    for (String f : BUNDLED_FILES) {
      if (!f.startsWith("libopenblas")) {
        System.load(dir.resolve(f).toString());
      }
    }
    Path lib = dir.resolve("libopenblas.so.0");
    System.setProperty(PATH_PROPERTY, lib.toString());
    return "bundled " + lib;
  }

  /** The system's libblas.so.3 as the dynamic linker would find it (LD_LIBRARY_PATH, then the usual dirs). */
  private static Path systemLibrary() {
    List<String> dirs = new ArrayList<>();
    String ld = System.getenv("LD_LIBRARY_PATH");
    if (ld != null) {
      dirs.addAll(List.of(ld.split(":")));
    }
    dirs.addAll(List.of(SYSTEM_DIRS));
    for (String d : dirs) {
      if (d.isEmpty()) {
        continue;
      }
      Path p = Paths.get(d, "libblas.so.3");
      if (Files.isReadable(p)) {
        return p;
      }
    }
    return null;
  }

  /** Whether the library, its links followed, is an optimized BLAS rather than the slow reference one. */
  private static boolean isOptimized(Path lib) {
    String real;
    try {
      real = lib.toRealPath().toString().toLowerCase(Locale.ROOT);
    } catch (IOException e) {
      return false;
    }
    for (String name : OPTIMIZED) {
      if (real.contains(name)) {
        return true;
      }
    }
    NOTE.append("the system's ").append(lib).append(" is not an optimized BLAS");
    return false;
  }

  /**
   * The bundled libraries in a directory of this user's, named by the bundle's version, written once (each
   * file under a temporary name, then renamed, so JVMs that start together never see half a file).
   */
  private static Path extractBundled() throws IOException {
    String version = bundledVersion();
    Path dir = Paths.get(System.getProperty("java.io.tmpdir"),
        "nabla-openblas-" + version + "-" + System.getProperty("user.name", "user"));
    if (!ownedPrivateDirectory(dir)) {
      dir = Files.createTempDirectory("nabla-openblas-");
    }
    for (String f : BUNDLED_FILES) {
      Path target = dir.resolve(f);
      try (InputStream in = Blas.class.getClassLoader().getResourceAsStream(BUNDLED + f)) {
        if (in == null) {
          throw new IOException(BUNDLED + f + " is missing from the class path");
        }
        long size = Blas.class.getClassLoader().getResource(BUNDLED + f).openConnection().getContentLengthLong();
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.size(target) == size) {
          continue;
        }
        Path tmp = Files.createTempFile(dir, f, ".part");
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return dir;
  }

  /**
   * Creates the directory readable and writable by this user only, or checks that an existing one is this
   * user's and not writable by others (a library another user could replace must never be loaded).
   */
  private static boolean ownedPrivateDirectory(Path dir) {
    try {
      Set<PosixFilePermission> own = PosixFilePermissions.fromString("rwx------");
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(own));
      }
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
      String me = System.getProperty("user.name");
      return Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(me)
          && Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(own);
    } catch (IOException | UnsupportedOperationException | UncheckedIOException e) {
      return false;
    }
  }

  private static String bundledVersion() throws IOException {
    java.util.Properties p = new java.util.Properties();
    try (InputStream in = Blas.class.getClassLoader().getResourceAsStream(BUNDLED_POM)) {
      if (in != null) {
        p.load(in);
      }
    }
    return p.getProperty("version", "unknown");
  }

  private static String describe(BLAS blas, String source) {
    String impl = blas.getClass().getSimpleName();
    if (impl.startsWith("JNI")) {
      String threads = System.getenv("OPENBLAS_NUM_THREADS");
      return "native (" + impl + ": " + (source != null ? source : "system libblas.so.3") + "), OPENBLAS_NUM_THREADS=" + (threads == null ? "unset" : threads);
    }
    String why = NOTE.length() > 0 ? NOTE.toString()
        : source != null ? source + " did not load" : "no native BLAS found";
    String vector = impl.equals("VectorBLAS") ? ""
        : "; start the JVM with --add-modules=jdk.incubator.vector for netlib's faster VectorBLAS";
    return "Java (" + impl + "): " + why + vector;
  }
}
