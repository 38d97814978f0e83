package dev.chat.presence.socket;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.URI;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.adapter.ReactorNettyWebSocketSession;
import org.springframework.web.reactive.socket.server.RequestUpgradeStrategy;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * Spring's Reactor Netty upgrade, but the session it hands to the handler also exposes the Netty
 * connection: to notice a silent peer (read idle) and to cut a connection whose close handshake stalls
 * (a client that stopped reading never takes the close frame). It also asks {@link SocketAdmission} first:
 * a node that is full answers 503 before upgrading (the handshake is still plain HTTP here), and each
 * admitted socket carries its ticket until it ends.
 */
public class NettyUpgradeStrategy implements RequestUpgradeStrategy {

    private static final URI WS_URI = URI.create("/ws");
    private static final HttpHeaders EMPTY_HEADERS = HttpHeaders.readOnlyHttpHeaders(new HttpHeaders());

    private final int maxFramePayloadLength;
    private final SocketAdmission admission;

    public NettyUpgradeStrategy(int maxFramePayloadLength, SocketAdmission admission) {
        this.maxFramePayloadLength = maxFramePayloadLength;
        this.admission = admission;
    }

    @Override
    public Mono<Void> upgrade(ServerWebExchange exchange, WebSocketHandler handler, @Nullable String subProtocol,
                              Supplier<HandshakeInfo> handshakeInfoFactory) {
        SocketAdmission.Ticket ticket = admission.tryAdmit();
        if (ticket == null) {
            return admission.refuse(exchange);
        }
        ServerHttpResponse response = exchange.getResponse();
        HttpServerResponse nettyResponse = ServerHttpResponseDecorator.getNativeResponse(response);
        // A slim handshake record: the handler needs none of the request headers, principal or remote
        // address, and Spring's full one would keep them (and the exchange) for the socket's whole life.
        HandshakeInfo info = new HandshakeInfo(WS_URI, EMPTY_HEADERS, Mono.empty(), subProtocol);
        NettyDataBufferFactory buffers = (NettyDataBufferFactory) response.bufferFactory();
        WebsocketServerSpec.Builder builder = WebsocketServerSpec.builder()
                .maxFramePayloadLength(maxFramePayloadLength)
                .compress(false); // a deflater per socket would cost far more than the socket itself
        if (subProtocol != null) {
            builder.protocols(subProtocol);
        }
        WebsocketServerSpec spec = builder.build();
        return response.setComplete().then(Mono.defer(() -> nettyResponse.sendWebsocket((in, out) -> {
                    ticket.started();
                    return Mono.defer(() -> handler.handle(
                                    new Session(in, out, info, buffers, maxFramePayloadLength, ticket)))
                            .doFinally(signal -> ticket.release());
                }, spec)))
                // A handshake that failed never reaches the handler: give the place back here.
                .doOnError(e -> ticket.releaseUnlessStarted())
                .doOnCancel(ticket::releaseUnlessStarted);
    }

    /**
     * A Reactor Netty session that lets the handler reach its connection, and whose message limit also
     * holds for a fragmented message: past it the socket is closed with 1009, as Netty's decoder does
     * for one frame that is too big (Spring's aggregation would answer 1002).
     */
    static final class Session extends ReactorNettyWebSocketSession {

        private final int maxMessageLength;
        private final SocketAdmission.Ticket ticket;

        Session(WebsocketInbound in, WebsocketOutbound out, HandshakeInfo info, NettyDataBufferFactory buffers,
                int maxFramePayloadLength, SocketAdmission.Ticket ticket) {
            super(in, out, info, buffers, maxFramePayloadLength);
            this.maxMessageLength = maxFramePayloadLength;
            this.ticket = ticket;
        }

        SocketAdmission.Ticket ticket() {
            return ticket;
        }

        @Override
        public Flux<WebSocketMessage> receive() {
            WebsocketInbound in = getDelegate().getInbound();
            in.withConnection(c -> c.addHandlerLast("chat.ws.aggregator", new LimitedAggregator(maxMessageLength)));
            return in.receiveFrames().map(this::toMessage);
        }

        void withConnection(java.util.function.Consumer<Connection> action) {
            getDelegate().getInbound().withConnection(action);
        }

        /** The event loop the connection's writes run on. */
        EventLoop eventLoop() {
            EventLoop[] loop = new EventLoop[1];
            withConnection(c -> loop[0] = c.channel().eventLoop());
            return loop[0];
        }
    }

    static final class LimitedAggregator extends WebSocketFrameAggregator {

        LimitedAggregator(int maxContentLength) {
            super(maxContentLength);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, WebSocketFrame oversized) {
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }
}
