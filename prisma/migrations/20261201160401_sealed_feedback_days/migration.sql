-- CreateTable
CREATE TABLE "feedback_sealed_days" (
    "network_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "sealed" TEXT NOT NULL,

    CONSTRAINT "feedback_sealed_days_pkey" PRIMARY KEY ("network_id","day")
);
