-- AlterTable
ALTER TABLE "people" ADD COLUMN     "time_zone" TEXT;
