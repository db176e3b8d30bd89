// The HTTP relay's parsers and header writers, on byte strings (no sockets).
#include "elb/http_relay.h"

#include <gtest/gtest.h>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <string>

namespace faultbox::elb::detail {
namespace {

template <typename Parser>
boost::system::error_code feed(Parser& parser, const std::string& bytes) {
  parser.eager(true);
  boost::system::error_code ec;
  parser.put(boost::asio::buffer(bytes), ec);
  return ec;
}

TEST(HttpRelayTest, ForwardsARequestWithoutHopByHopHeadersAndWithXForwarded) {
  Outgoing out;
  RequestReader parser(out);
  auto ec = feed(parser, "GET /a?b=1 HTTP/1.0\r\nHost: lab\r\nConnection: keep-alive, X-Hop\r\n"
                         "X-Hop: 1\r\nKeep-Alive: timeout=5\r\nX-Forwarded-For: 10.0.0.9\r\n"
                         "X-Forwarded-Port: 1\r\nAccept: */*\r\n\r\n");
  ASSERT_FALSE(ec) << ec.message();
  ASSERT_TRUE(parser.is_done());
  EXPECT_TRUE(parser.keep_alive());
  EXPECT_EQ(out.version, 10u);
  finish_outgoing_head(out, "127.0.0.7", 8080);
  EXPECT_EQ(out.head, "GET /a?b=1 HTTP/1.1\r\nHost: lab\r\nAccept: */*\r\n"
                      "X-Forwarded-For: 10.0.0.9, 127.0.0.7\r\nX-Forwarded-Proto: http\r\n"
                      "X-Forwarded-Port: 8080\r\n\r\n");
}

TEST(HttpRelayTest, PassesAChunkedRequestBodyOnWithALength) {
  Outgoing out;
  RequestReader parser(out);
  auto ec = feed(parser, "POST /f HTTP/1.1\r\nHost: lab\r\nTransfer-Encoding: chunked\r\n\r\n"
                         "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
  ASSERT_FALSE(ec) << ec.message();
  ASSERT_TRUE(parser.is_done());
  EXPECT_EQ(out.body, "hello world");
  finish_outgoing_head(out, "127.0.0.1", 80);
  EXPECT_NE(out.head.find("\r\nContent-Length: 11\r\n"), std::string::npos) << out.head;
  EXPECT_EQ(out.head.find("Transfer-Encoding"), std::string::npos) << out.head;
}

TEST(HttpRelayTest, SaysAnEmptyPostIsEmpty) {
  Outgoing out;
  RequestReader parser(out);
  ASSERT_FALSE(feed(parser, "POST / HTTP/1.1\r\nHost: lab\r\nContent-Length: 0\r\n\r\n"));
  finish_outgoing_head(out, "127.0.0.1", 80);
  EXPECT_NE(out.head.find("\r\nContent-Length: 0\r\n"), std::string::npos) << out.head;
}

TEST(HttpRelayTest, EnforcesTheHeaderLimit) {
  Outgoing out;
  RequestReader parser(out);
  parser.header_limit(64);
  auto ec =
      feed(parser, "GET / HTTP/1.1\r\nHost: lab\r\nX-Big: " + std::string(100, 'x') + "\r\n\r\n");
  EXPECT_EQ(ec, boost::beast::http::error::header_limit);
}

TEST(HttpRelayTest, GivesTheClientTheBackendsAnswerWithALengthAndItsOwnConnectionHeader) {
  Reply reply;
  ResponseReader parser(reply);
  auto ec = feed(parser, "HTTP/1.1 201 Made\r\nServer: b\r\nConnection: X-Hop\r\nX-Hop: 1\r\n"
                         "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
  ASSERT_FALSE(ec) << ec.message();
  ASSERT_TRUE(parser.is_done());
  std::string head;
  render_reply_head(reply, 11, false, false, head);
  EXPECT_EQ(head,
            "HTTP/1.1 201 Made\r\nServer: b\r\nContent-Length: 3\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(reply.body, "abc");
  render_reply_head(reply, 10, true, false, head);
  EXPECT_EQ(
      head,
      "HTTP/1.0 201 Made\r\nServer: b\r\nContent-Length: 3\r\nConnection: keep-alive\r\n\r\n");
}

TEST(HttpRelayTest, KeepsTheBackendsLengthForAHeadAnswer) {
  Reply reply;
  ResponseReader parser(reply);
  parser.skip(true);
  ASSERT_FALSE(feed(parser, "HTTP/1.1 200 OK\r\nContent-Length: 400\r\n\r\n"));
  ASSERT_TRUE(parser.is_done());
  std::string head;
  render_reply_head(reply, 11, true, true, head);
  EXPECT_EQ(head, "HTTP/1.1 200 OK\r\nContent-Length: 400\r\n\r\n");
}

TEST(HttpRelayTest, GivesNoLengthForNoContent) {
  Reply reply;
  ResponseReader parser(reply);
  ASSERT_FALSE(feed(parser, "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n"));
  std::string head;
  render_reply_head(reply, 11, true, false, head);
  EXPECT_EQ(head, "HTTP/1.1 204 No Content\r\n\r\n");
}

TEST(HttpRelayTest, WritesTheLoadBalancersOwnAnswer) {
  Reply reply;
  elb_reply(reply, boost::beast::http::status::gateway_timeout);
  std::string head;
  render_reply_head(reply, 11, true, false, head);
  EXPECT_EQ(head, "HTTP/1.1 504 Gateway Timeout\r\nContent-Type: text/plain\r\n"
                  "Content-Length: 20\r\n\r\n");
  EXPECT_EQ(reply.body, "504 Gateway Timeout\n");
}

}  // namespace
}  // namespace faultbox::elb::detail
