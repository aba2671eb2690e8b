package dev.cqlmigrations.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A TCP proxy in front of the real node, to lose a connection at a chosen statement: the bytes
 * are the driver's and the node's own, only their delivery fails. Recognizes a statement by its
 * text in what the client sends (frames are not compressed).
 */
final class CqlProxy implements AutoCloseable {

	/** What happens to the connection that sends the marked statement. */
	enum Fault {

		/** The statement reaches the node and runs; its answer is lost with the connection. */
		LOSE_ANSWER,

		/** The statement reaches the node and runs; its answer (and all after it) comes late. */
		DELAY_ANSWER,

		/** The statement never reaches the node; the connection is lost. */
		LOSE_REQUEST,

		/** The statement never reaches the node, and the node is unreachable until {@link #restore()}. */
		NODE_DOWN

	}

	private final InetSocketAddress target;

	private final ServerSocket server;

	private final List<Socket> sockets = new ArrayList<>();

	private volatile byte[] marker;

	private volatile Fault fault;

	private volatile boolean down;

	private volatile boolean triggered;

	private static final long DELAY_MILLIS = 6000;

	CqlProxy(InetSocketAddress target) throws IOException {
		this.target = target;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "cql-proxy-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	InetSocketAddress address() {
		return new InetSocketAddress(this.server.getInetAddress(), this.server.getLocalPort());
	}

	/**
	 * Arms a fault for the next statement whose text contains the marker.
	 * @param statementText part of the statement's text
	 * @param fault what happens
	 */
	void failAt(String statementText, Fault fault) {
		this.fault = fault;
		this.marker = statementText.getBytes(StandardCharsets.UTF_8);
	}

	/** @return whether the armed fault happened */
	boolean triggered() {
		return this.triggered;
	}

	/** Makes the node reachable again after {@link Fault#NODE_DOWN}. */
	void restore() {
		this.down = false;
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				if (this.down) {
					client.close();
					continue;
				}
				Socket upstream = new Socket(this.target.getAddress(), this.target.getPort());
				synchronized (this.sockets) {
					this.sockets.add(client);
					this.sockets.add(upstream);
				}
				AtomicBoolean loseAnswer = new AtomicBoolean();
				AtomicBoolean delayAnswer = new AtomicBoolean();
				start(() -> clientToNode(client, upstream, loseAnswer, delayAnswer));
				start(() -> nodeToClient(upstream, client, loseAnswer, delayAnswer));
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private static void start(Runnable pump) {
		Thread thread = new Thread(pump, "cql-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private void clientToNode(Socket client, Socket upstream, AtomicBoolean loseAnswer, AtomicBoolean delayAnswer) {
		byte[] buffer = new byte[65536];
		try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
			for (int n; (n = in.read(buffer)) > 0;) {
				byte[] marked = this.marker;
				if (marked != null && contains(buffer, n, marked)) {
					this.marker = null;
					this.triggered = true;
					switch (this.fault) {
						case LOSE_ANSWER -> loseAnswer.set(true);
						case DELAY_ANSWER -> delayAnswer.set(true);
						case LOSE_REQUEST -> {
							closeQuietly(client, upstream);
							return;
						}
						case NODE_DOWN -> {
							this.down = true;
							closeAll();
							return;
						}
					}
				}
				out.write(buffer, 0, n);
				out.flush();
			}
		}
		catch (IOException ex) {
			// connection closed
		}
		finally {
			closeQuietly(client, upstream);
		}
	}

	private void nodeToClient(Socket upstream, Socket client, AtomicBoolean loseAnswer, AtomicBoolean delayAnswer) {
		byte[] buffer = new byte[65536];
		try (InputStream in = upstream.getInputStream(); OutputStream out = client.getOutputStream()) {
			for (int n; (n = in.read(buffer)) > 0;) {
				if (loseAnswer.get()) {
					return;
				}
				if (delayAnswer.getAndSet(false)) {
					// Bytes stay in order: later answers on this connection wait too, as on a stalled link.
					Thread.sleep(DELAY_MILLIS);
				}
				out.write(buffer, 0, n);
				out.flush();
			}
		}
		catch (IOException ex) {
			// connection closed
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			closeQuietly(client, upstream);
		}
	}

	private static boolean contains(byte[] buffer, int length, byte[] marker) {
		outer: for (int i = 0; i + marker.length <= length; i++) {
			for (int j = 0; j < marker.length; j++) {
				if (buffer[i + j] != marker[j]) {
					continue outer;
				}
			}
			return true;
		}
		return false;
	}

	private void closeAll() {
		synchronized (this.sockets) {
			this.sockets.forEach(CqlProxy::closeQuietly);
			this.sockets.clear();
		}
	}

	private static void closeQuietly(Socket... sockets) {
		for (Socket socket : sockets) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// already closed
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		closeAll();
	}

}
