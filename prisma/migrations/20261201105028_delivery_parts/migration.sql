-- AlterTable
ALTER TABLE "deliveries" ADD COLUMN     "parts_sent" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "thread_id" TEXT;
