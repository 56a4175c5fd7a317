package com.envoyx.systemtest.deploy;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Every path the dashboard answers, read from the packaged auth-service itself: the JAX-RS paths
 * of its page resource (class and method {@code @Path}, from the compiled class) and every static
 * file it serves from {@code META-INF/resources}. A page added to the dashboard appears here
 * without anyone copying it into a test.
 */
final class DashboardRoutes {

    private static final String PAGE_RESOURCE = "com.envoyx.auth.dashboard.rest.DashboardResource";
    private static final String STATIC_ROOT = "META-INF/resources/";
    private static final Set<String> HTTP_METHODS = Set.of("jakarta.ws.rs.GET", "jakarta.ws.rs.POST",
            "jakarta.ws.rs.PUT", "jakarta.ws.rs.DELETE", "jakarta.ws.rs.PATCH", "jakarta.ws.rs.HEAD");

    private DashboardRoutes() {
    }

    /** Example request paths, one per route; a path parameter becomes a sample segment. */
    static List<String> of(Path authServiceApp) throws IOException, ReflectiveOperationException {
        Path appJar = onlyJar(authServiceApp.resolve("app"));
        TreeSet<String> routes = new TreeSet<>();
        List<URL> classpath = new ArrayList<>();
        classpath.add(appJar.toUri().toURL());
        try (Stream<Path> libraries = Files.list(authServiceApp.resolve("lib").resolve("main"))) {
            for (Path library : libraries.toList()) {
                classpath.add(library.toUri().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(classpath.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            @SuppressWarnings("unchecked")
            Class<? extends Annotation> pathAnnotation = (Class<? extends Annotation>) loader.loadClass("jakarta.ws.rs.Path");
            Class<?> resource = Class.forName(PAGE_RESOURCE, false, loader);
            String root = pathOf(resource.getAnnotation(pathAnnotation));
            for (Method method : resource.getDeclaredMethods()) {
                boolean endpoint = Stream.of(method.getAnnotations())
                        .anyMatch(a -> HTTP_METHODS.contains(a.annotationType().getName()));
                if (endpoint) {
                    routes.add(join(root, pathOf(method.getAnnotation(pathAnnotation))));
                }
            }
        }
        try (JarFile jar = new JarFile(appJar.toFile())) {
            jar.stream().filter(entry -> !entry.isDirectory() && entry.getName().startsWith(STATIC_ROOT))
                    .forEach(entry -> routes.add("/" + entry.getName().substring(STATIC_ROOT.length())));
        }
        if (routes.size() < 2) {
            throw new AssertionError("no dashboard routes found in " + appJar);
        }
        return List.copyOf(routes);
    }

    private static String pathOf(Annotation path) throws ReflectiveOperationException {
        return path == null ? "" : (String) path.annotationType().getMethod("value").invoke(path);
    }

    private static String join(String root, String path) {
        String joined = ("/" + root + "/" + path).replaceAll("/+", "/").replaceAll("\\{[^/]+}", "0f8fad5b-d9cb-469f-a165-70867728950e");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static Path onlyJar(Path directory) throws IOException {
        try (Stream<Path> jars = Files.list(directory)) {
            List<Path> found = jars.filter(p -> p.toString().endsWith(".jar")).toList();
            if (found.size() != 1) {
                throw new AssertionError("expected one application jar in " + directory + " (package auth-service first): " + found);
            }
            return found.get(0);
        }
    }
}
