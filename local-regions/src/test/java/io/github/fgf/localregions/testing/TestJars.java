package io.github.fgf.localregions.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Packs a test class and its nested classes into a jar a session cluster can run. */
public final class TestJars {

    private TestJars() {}

    public static Path jarOf(Class<?> main, Path dir) throws IOException {
        Path classes = Path.of(main.getProtectionDomain().getCodeSource().getLocation().getPath());
        String pkgPath = main.getPackageName().replace('.', '/');
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, main.getName());
        Path jar = dir.resolve(main.getSimpleName() + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), mf);
             var files = Files.list(classes.resolve(pkgPath))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(main.getSimpleName())).toList()) {
                out.putNextEntry(new JarEntry(pkgPath + "/" + f.getFileName()));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return jar;
    }
}
