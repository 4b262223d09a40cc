-- AlterTable
ALTER TABLE "conversation_references" ADD COLUMN     "unreachable" TEXT;
