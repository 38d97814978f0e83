package dev.chat.presence.config;

import dev.chat.presence.socket.ChatSocketHandler;
import dev.chat.presence.socket.NettyUpgradeStrategy;
import dev.chat.presence.socket.SocketAdmission;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.reactive.socket.server.support.HandshakeWebSocketService;

/**
 * {@code /ws} on Reactor Netty. Frames above {@code max-frame-bytes} are refused by Netty's decoder,
 * which closes with 1009; upgrades past the node's admission bounds get 503 ({@link SocketAdmission}).
 */
@Configuration
class WebSocketConfig implements WebFluxConfigurer {

    private final PresenceProperties properties;
    private final SocketAdmission admission;

    WebSocketConfig(PresenceProperties properties, SocketAdmission admission) {
        this.properties = properties;
        this.admission = admission;
    }

    @Bean
    HandlerMapping webSocketMapping(ChatSocketHandler handler) {
        return new SimpleUrlHandlerMapping(Map.of("/ws", handler), -1);
    }

    @Override
    public WebSocketService getWebSocketService() {
        return new HandshakeWebSocketService(new NettyUpgradeStrategy(properties.socket().maxFrameBytes(), admission));
    }
}
