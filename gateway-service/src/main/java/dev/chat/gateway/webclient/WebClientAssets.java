package dev.chat.gateway.webclient;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.accept;

import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.config.ResourceHandlerRegistry;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.resource.EncodedResourceResolver;

/**
 * The web client (the web-client module's build, on the class path under {@code static/}) on the gateway's
 * origin, so the app, {@code /api/**} and {@code /ws} share one origin and need no CORS.
 * <ul>
 * <li>{@code /assets/**}: content-hashed file names, so cached for a year as immutable; the build's
 * precompressed {@code .br}/{@code .gz} siblings are sent to browsers that accept them (no CPU per request).
 * <li>Other files at the root (icons, manifest): revalidated on every use.
 * <li>Any other page path a browser navigates to ({@code /}, {@code /c/{id}}, {@code /login}): index.html,
 * never cached, so a deploy reaches every user at the next load. The client routes from there.
 * </ul>
 * Gateway routes are matched before the file handlers, so {@code /api/**} is never shadowed; the page
 * fallback leaves out the API, socket, actuator and well-known prefixes and any path that names a file, which
 * keep their problem+json 404s.
 */
@Configuration(proxyBeanMethods = false)
class WebClientAssets implements WebFluxConfigurer {

    static final CacheControl HASHED = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();
    static final CacheControl REVALIDATE = CacheControl.noCache();
    private static final List<String> NOT_PAGES = List.of("/api", "/ws", "/actuator", "/.well-known", "/assets", "/v3");
    private static final RequestPredicate PAGES =
            GET("/**").and(accept(MediaType.TEXT_HTML)).and(WebClientAssets::isPage);

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/static/assets/")
                .setCacheControl(HASHED)
                .resourceChain(true)
                .addResolver(new EncodedResourceResolver());
        registry.addResourceHandler("/*")
                .addResourceLocations("classpath:/static/")
                .setCacheControl(REVALIDATE)
                .resourceChain(true)
                .addResolver(new EncodedResourceResolver());
    }

    @Bean
    RouterFunction<ServerResponse> webClientPages(@Value("classpath:/static/index.html") Resource index) {
        if (!index.exists()) {
            return RouterFunctions.route(request -> false, request -> ServerResponse.notFound().build());
        }
        return RouterFunctions.route(PAGES,
                request -> ServerResponse.ok()
                        .contentType(MediaType.TEXT_HTML)
                        .cacheControl(REVALIDATE)
                        .header("X-Content-Type-Options", "nosniff")
                        .header("Referrer-Policy", "no-referrer")
                        .body(BodyInserters.fromResource(index)));
    }

    private static boolean isPage(ServerRequest request) {
        String path = request.path();
        for (String prefix : NOT_PAGES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return false;
            }
        }
        return !path.substring(path.lastIndexOf('/') + 1).contains(".");
    }

}
