#include <gtest/gtest.h>

#include "core/cli/command_registry.hpp"

namespace sb::cli {
namespace {

struct Record {
  int calls = 0;
  Status status = Status::Success;
  std::string output;
};

BufferedReply::Done recordInto(Record& record) {
  return [&record](Status status, std::string output) {
    ++record.calls;
    record.status = status;
    record.output = std::move(output);
  };
}

TEST(BufferedReply, CollectsOutputAndFinishesOnce) {
  Record record;
  {
    BufferedReply reply(recordInto(record));
    reply.write("a");
    reply.write("b\n");
    reply.finish(Status::ShowUsage);
    EXPECT_EQ(record.calls, 1);
    reply.write("ignored");
    reply.finish(Status::Success);
  }
  EXPECT_EQ(record.calls, 1);
  EXPECT_EQ(record.status, Status::ShowUsage);
  EXPECT_EQ(record.output, "ab\n");
}

TEST(BufferedReply, DestructorFinishesWithSuccess) {
  Record record;
  {
    auto reply = std::make_shared<BufferedReply>(recordInto(record));
    reply->write("x");
    EXPECT_EQ(record.calls, 0);
  }
  EXPECT_EQ(record.calls, 1);
  EXPECT_EQ(record.status, Status::Success);
  EXPECT_EQ(record.output, "x");
}

TEST(BufferedReply, ReentrantFinishFromDoneIsIgnored) {
  int calls = 0;
  BufferedReply* self = nullptr;
  BufferedReply reply([&](Status, std::string) {
    ++calls;
    self->finish(Status::Failure);
  });
  self = &reply;
  reply.finish(Status::Success);
  EXPECT_EQ(calls, 1);
}

TEST(BufferedReply, EmptyDoneIsAllowed) {
  BufferedReply reply(nullptr);
  reply.write("x");
  reply.finish(Status::Success);
}

TEST(BufferedReply, ThrowingDoneDoesNotEscapeTheDestructor) {
  EXPECT_NO_THROW({ BufferedReply reply([](Status, std::string) { throw 1; }); });
}

}  // namespace
}  // namespace sb::cli
